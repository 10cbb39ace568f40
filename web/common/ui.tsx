// The UI kit of both apps, on react-aria-components: accessible fields with labels and error
// messages, buttons, links that go through the client router, status and alert regions.
import { useEffect, useRef, type FormEvent, type ReactNode } from 'react';
import {
  Button as AriaButton,
  FieldError,
  Form as AriaForm,
  Input,
  Label,
  Link as AriaLink,
  RouterProvider,
  Text,
  TextArea,
  TextField as AriaTextField,
  ToggleButton,
  ToggleButtonGroup,
  type ButtonProps as AriaButtonProps,
  type FormProps as AriaFormProps,
  type LinkProps as AriaLinkProps,
  type TextFieldProps as AriaTextFieldProps,
} from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { useHref, useLocation, useNavigate, type NavigateOptions } from 'react-router';
import type { ApiError } from './api.ts';
import { setLanguage, type Lang } from './i18n.ts';

declare module 'react-aria-components' {
  interface RouterConfig {
    routerOptions: NavigateOptions;
  }
}

function cx(...names: Array<string | false | null | undefined>): string {
  return names.filter(Boolean).join(' ');
}

/** Lets react-aria links and menu items navigate through react-router (with its basename). */
export function AriaRouter({ children }: { children: ReactNode }) {
  const navigate = useNavigate();
  return (
    <RouterProvider navigate={(href, options) => void navigate(href, options)} useHref={useHref}>
      {children}
    </RouterProvider>
  );
}

// --- buttons and links -----------------------------------------------------------------------

export type ButtonVariant = 'primary' | 'secondary' | 'quiet' | 'danger';

/**
 * A button. `isPending` is handled here rather than by react-aria: its pending announcement is a
 * role="img" element labelled by the button, which dangles (an axe violation) when the press
 * navigates away. A pending button keeps its focus, shows a spinner, and ignores presses.
 */
export function Button({
  variant = 'primary',
  className,
  children,
  isPending,
  onPress,
  type,
  ...rest
}: Omit<AriaButtonProps, 'className' | 'children' | 'isPending'> & { variant?: ButtonVariant; className?: string; children: ReactNode; isPending?: boolean }) {
  return (
    <AriaButton
      {...rest}
      type={isPending && type === 'submit' ? 'button' : type}
      onPress={isPending ? undefined : onPress}
      aria-disabled={isPending ? true : undefined}
      className={cx('btn', `btn-${variant}`, isPending && 'is-pending', className)}
    >
      {isPending && <span className="spinner" aria-hidden="true" />}
      {children}
    </AriaButton>
  );
}

export function Link({ className, variant, ...rest }: Omit<AriaLinkProps, 'className'> & { className?: string; variant?: ButtonVariant }) {
  // a plain text link is underlined; a link with its own class (logo, tile) or a button look is not
  return <AriaLink {...rest} className={cx(variant ? `btn btn-${variant}` : !className && 'link', className)} />;
}

// --- forms ------------------------------------------------------------------------------------

export function Form({ className, ...rest }: Omit<AriaFormProps, 'className'> & { className?: string }) {
  return <AriaForm {...rest} className={cx('form', className)} />;
}

export type TextFieldProps = Omit<AriaTextFieldProps, 'children' | 'className'> & {
  label: string;
  description?: string;
  placeholder?: string;
  className?: string;
  inputClassName?: string;
};

/**
 * react-aria updates a shown error when the input's native `change` event fires, i.e. on blur.
 * When that blur is the mousedown on the submit button, the error line disappears under the
 * pointer, the button moves, and the click is lost. So while a field shows an error, each
 * keystroke re-checks it: a fixed value clears its message as it is typed.
 */
export function refreshShownError(e: FormEvent<HTMLInputElement | HTMLTextAreaElement>): void {
  const input = e.currentTarget;
  if (input.getAttribute('aria-invalid') === 'true') input.dispatchEvent(new Event('change', { bubbles: false }));
}

export function TextField({ label, description, placeholder, className, inputClassName, ...rest }: TextFieldProps) {
  const { t } = useTranslation();
  return (
    <AriaTextField {...rest} className={cx('field', className)}>
      <Label className="field-label">
        {label}
        {rest.isRequired && (
          <span className="field-required" title={t('form.requiredMark')} aria-hidden="true">
            {' '}
            *
          </span>
        )}
      </Label>
      {description && (
        <Text slot="description" className="field-description">
          {description}
        </Text>
      )}
      <Input className={cx('field-input', inputClassName)} placeholder={placeholder} onInput={refreshShownError} />
      <FieldError className="field-error" />
    </AriaTextField>
  );
}

export type TextAreaFieldProps = Omit<AriaTextFieldProps, 'children' | 'className'> & { label: string; description?: string; rows?: number; className?: string };

/** A multi-line TextField: the label, a description, the text area and its error message. */
export function TextAreaField({ label, description, rows = 4, className, ...rest }: TextAreaFieldProps) {
  return (
    <AriaTextField {...rest} className={cx('field', 'textarea-field', className)}>
      <Label className="field-label">{label}</Label>
      {description && (
        <Text slot="description" className="field-description">
          {description}
        </Text>
      )}
      <TextArea className="field-input" rows={rows} onInput={refreshShownError} />
      <FieldError className="field-error" />
    </AriaTextField>
  );
}

/** A native select with its label: the most robust choice for filters in tables. */
export function SelectField<V extends string>(props: {
  label: string;
  name?: string;
  value: V | '';
  onChange(value: V | ''): void;
  options: ReadonlyArray<{ value: V | ''; label: string }>;
  id: string;
  className?: string;
  hideLabel?: boolean;
}) {
  return (
    <div className={cx('field', props.className)}>
      <label htmlFor={props.id} className={cx('field-label', props.hideLabel && 'visually-hidden')}>
        {props.label}
      </label>
      <select id={props.id} name={props.name} className="field-input field-select" value={props.value} onChange={(e) => props.onChange(e.target.value as V | '')}>
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A date input (YYYY-MM-DD) with its label. */
export function DateField(props: { label: string; id: string; value: string; onChange(value: string): void; name?: string }) {
  return (
    <div className="field">
      <label htmlFor={props.id} className="field-label">
        {props.label}
      </label>
      <input id={props.id} name={props.name} type="date" className="field-input" value={props.value} onChange={(e) => props.onChange(e.target.value)} />
    </div>
  );
}

// --- messages ---------------------------------------------------------------------------------

export function ErrorAlert({ error, className }: { error: ApiError | string | null | undefined; className?: string }) {
  if (!error) return null;
  return (
    <div role="alert" className={cx('alert', 'alert-error', className)}>
      {typeof error === 'string' ? error : error.message}
    </div>
  );
}

export function SuccessMessage({ children }: { children: ReactNode }) {
  return (
    <div role="status" className="alert alert-success">
      {children}
    </div>
  );
}

export function Loading({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <div role="status" className="loading">
      <span className="spinner" aria-hidden="true" />
      {label ?? t('common.loading')}
    </div>
  );
}

export function EmptyState({ children }: { children: ReactNode }) {
  return <p className="empty-state">{children}</p>;
}

// --- page structure ---------------------------------------------------------------------------

export function SkipLink() {
  const { t } = useTranslation();
  return (
    <a className="skip-link" href="#main">
      {t('common.skipLink')}
    </a>
  );
}

/** The page's single h1; focusable so that navigation can move focus to it. */
export function PageHeading({ children }: { children: ReactNode }) {
  return (
    <h1 className="page-title" tabIndex={-1}>
      {children}
    </h1>
  );
}

export function useDocumentTitle(title: string, suffix: string): void {
  useEffect(() => {
    document.title = title ? `${title} — ${suffix}` : suffix;
  }, [title, suffix]);
}

/**
 * After a client-side navigation, moves focus to the new page's h1 (as a page load would reset
 * it) and scrolls to the top. The first render is left alone.
 */
export function useFocusOnNavigate(): void {
  const { pathname } = useLocation();
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    window.scrollTo(0, 0);
    const id = window.requestAnimationFrame(() => {
      const heading = document.querySelector<HTMLElement>('main h1');
      heading?.focus({ preventScroll: true });
    });
    return () => window.cancelAnimationFrame(id);
  }, [pathname]);
}

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const lang: Lang = i18n.language === 'en' ? 'en' : 'ru';
  return (
    <ToggleButtonGroup
      aria-label={t('lang.label')}
      className="lang-switch"
      selectionMode="single"
      disallowEmptySelection
      selectedKeys={[lang]}
      onSelectionChange={(keys) => {
        const next = [...keys][0];
        if (next === 'ru' || next === 'en') setLanguage(next);
      }}
    >
      <ToggleButton id="ru" className="lang-option" lang="ru">
        {t('lang.ru')}
      </ToggleButton>
      <ToggleButton id="en" className="lang-option" lang="en">
        {t('lang.en')}
      </ToggleButton>
    </ToggleButtonGroup>
  );
}

/** `capped`: the server stopped counting at `total` (there are more); shown as «10000+». */
export function Pagination({ offset, limit, total, capped, onChange }: { offset: number; limit: number; total: number; capped?: boolean; onChange(offset: number): void }) {
  const { t } = useTranslation();
  if (total === 0) return null;
  const from = offset + 1;
  const to = Math.min(offset + limit, total);
  return (
    <nav className="pagination" aria-label={t('pagination.label')}>
      <p className="pagination-summary" aria-live="polite">
        {t('pagination.shown', { from, to, total: capped ? `${total}+` : total })}
      </p>
      <div className="pagination-buttons">
        <Button variant="secondary" isDisabled={offset === 0} onPress={() => onChange(Math.max(0, offset - limit))}>
          {t('pagination.prev')}
        </Button>
        <Button variant="secondary" isDisabled={to >= total} onPress={() => onChange(offset + limit)}>
          {t('pagination.next')}
        </Button>
      </div>
    </nav>
  );
}

/** Label–value pairs (a profile, a record). */
export function Details({ items }: { items: ReadonlyArray<{ label: string; value: ReactNode; testId?: string }> }) {
  return (
    <dl className="details">
      {items.map((item) => (
        <div className="details-row" key={item.label}>
          <dt>{item.label}</dt>
          <dd data-testid={item.testId}>{item.value}</dd>
        </div>
      ))}
    </dl>
  );
}
