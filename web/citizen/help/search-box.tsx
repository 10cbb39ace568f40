// The help centre's search box: a react-aria ComboBox whose suggestions (article titles from
// GET /api/kb/suggest, asked a moment after typing stops) are links to the articles. Enter with no
// suggestion chosen runs the search with the typed text.
import { useContext, useEffect, useState, type KeyboardEvent } from 'react';
import { ComboBox, ComboBoxStateContext, Input, Label, ListBox, ListBoxItem, Popover } from 'react-aria-components';
import { suggestArticles, type Suggestion } from '../../common/kb-api.ts';

const debounceMs = 250;
const minChars = 2;
export const maxQueryLength = 200;

/** Suggestions come after the typing: open the list when they arrive while the box has focus. */
function OpenWhenSuggestionsArrive({ items }: { items: Suggestion[] }) {
  const state = useContext(ComboBoxStateContext);
  useEffect(() => {
    if (state && state.isFocused && !state.isOpen && items.length > 0) state.open(null, 'input');
    // only a new list of suggestions should open the popover
  }, [items]);
  return null;
}

export function HelpSearchBox(props: { label: string; placeholder?: string; value: string; onChange(value: string): void; onSubmit(): void; suggestionsLabel: string }) {
  const { value, onChange, onSubmit } = props;
  const [items, setItems] = useState<Suggestion[]>([]);
  // suggestions follow what the user types, not a query put in the box by the page (from the address)
  const [typed, setTyped] = useState('');

  useEffect(() => {
    const q = typed.trim();
    if (q.length < minChars) {
      setItems([]);
      return;
    }
    let current = true;
    const timer = window.setTimeout(() => {
      suggestArticles(q.slice(0, 100)).then(
        (found) => current && setItems(found),
        () => current && setItems([]),
      );
    }, debounceMs);
    return () => {
      current = false;
      window.clearTimeout(timer);
    };
  }, [typed]);

  useEffect(() => {
    if (value !== typed) setItems([]);
    // only a change from outside matters here
  }, [value]);

  const change = (next: string) => {
    setTyped(next);
    onChange(next);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    // a highlighted suggestion is opened by the combo box itself; otherwise Enter searches
    if (e.key === 'Enter' && !e.currentTarget.getAttribute('aria-activedescendant')) {
      e.preventDefault();
      // suggestions still on their way would cover the results
      setTyped('');
      onSubmit();
    }
  };

  return (
    <ComboBox className="field search-field help-search-box" items={items} inputValue={value} onInputChange={change} allowsCustomValue menuTrigger="input">
      <Label className="field-label">{props.label}</Label>
      <Input className="field-input" placeholder={props.placeholder} maxLength={maxQueryLength} onKeyDown={onKeyDown} />
      <OpenWhenSuggestionsArrive items={items} />
      <Popover className="popover suggest-popover" placement="bottom start" offset={4}>
        <ListBox<Suggestion> className="menu suggest-list" aria-label={props.suggestionsLabel}>
          {(item) => (
            <ListBoxItem id={item.id} href={item.url} textValue={item.title} className="menu-item">
              {item.title}
            </ListBoxItem>
          )}
        </ListBox>
      </Popover>
    </ComboBox>
  );
}
