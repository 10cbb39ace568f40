// Article bodies are Markdown (with GitHub tables and lists). Raw HTML in the text is never
// rendered: react-markdown shows it as text, and its URL filter drops javascript: and the like.
// Links inside the portal go through the client router; in the console (another app) they are
// plain links that open the portal page.
import type { ReactNode } from 'react';
import ReactMarkdown, { type Components } from 'react-markdown';
import remarkGfm from 'remark-gfm';
import { Link } from './ui.tsx';
import './markdown.css';

const remarkPlugins = [remarkGfm];

/** A path of this site ("/help/…"), not another site ("//host", "https://…"). */
export function isInternalUrl(url: string): boolean {
  return url.startsWith('/') && !url.startsWith('//');
}

function components(portalLinks: 'router' | 'plain'): Components {
  return {
    // the page has its own h1: a heading of the text is at most an h2
    h1: ({ children }) => <h2>{children}</h2>,
    a: ({ href, children }) => {
      const url = href ?? '';
      if (portalLinks === 'router' && isInternalUrl(url)) return <Link href={url}>{children}</Link>;
      return (
        <a className="link" href={url} rel={isInternalUrl(url) ? undefined : 'noopener noreferrer'}>
          {children}
        </a>
      );
    },
    table: ({ children }) => (
      <div className="markdown-table">
        <table>{children}</table>
      </div>
    ),
  };
}

const routerComponents = components('router');
const plainComponents = components('plain');

export function Markdown({ children, portalLinks = 'router', className }: { children: string; portalLinks?: 'router' | 'plain'; className?: string }): ReactNode {
  return (
    <div className={className ? `markdown ${className}` : 'markdown'}>
      <ReactMarkdown remarkPlugins={remarkPlugins} components={portalLinks === 'router' ? routerComponents : plainComponents}>
        {children}
      </ReactMarkdown>
    </div>
  );
}
