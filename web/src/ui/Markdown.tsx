import DOMPurify from "dompurify";
import { marked } from "marked";
import { useMemo } from "react";

/** Markdown rendered to HTML and sanitised (no scripts, no event handlers, no raw iframes). */
export function renderMarkdown(source: string): string {
  const html = marked.parse(source, { async: false, gfm: true, breaks: false }) as string;
  return DOMPurify.sanitize(html, { USE_PROFILES: { html: true } });
}

export function Markdown({ source, className }: { source: string | null | undefined; className?: string }) {
  const html = useMemo(() => renderMarkdown(source ?? ""), [source]);
  if (!source) return null;
  return <div className={className ?? "markdown"} dangerouslySetInnerHTML={{ __html: html }} />;
}
