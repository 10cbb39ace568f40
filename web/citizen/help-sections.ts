// The «Помощь» menu: one entry per help section, in the order of the seed's sections.
export const helpSections = ['faq', 'chat', 'feedback', 'contacts', 'guides'] as const;
export type HelpSection = (typeof helpSections)[number];

export function isHelpSection(value: string | undefined): value is HelpSection {
  return (helpSections as readonly string[]).includes(value ?? '');
}
