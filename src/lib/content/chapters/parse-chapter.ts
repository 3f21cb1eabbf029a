/**
 * Reads a chapter's body into its syntax tree with the reference MDX parser (remark with
 * remark-mdx, and GitHub-flavoured Markdown as the site renders it), without compiling or
 * running anything. The rules in check-chapter.ts then look at every node of the tree.
 */
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkMdx from 'remark-mdx';
import remarkGfm from 'remark-gfm';

/** A node of the tree, as much of it as the rules read. */
export interface ChapterNode {
  type: string;
  position?: { start: { line: number; column: number }; end: { line: number; column: number } };
  children?: ChapterNode[];
  /** Text, code, or the source of an ESM block or an expression. */
  value?: unknown;
  /** An element's name: null for a fragment (<>). */
  name?: string | null;
  attributes?: ChapterAttribute[];
  url?: string;
  data?: { estree?: EstreeProgram | null };
}

export interface ChapterAttribute {
  type: 'mdxJsxAttribute' | 'mdxJsxExpressionAttribute';
  name?: string;
  /** Text in quotes, null when the attribute has no value, or an expression in braces. */
  value?: string | null | { type: 'mdxJsxAttributeValueExpression'; value: string; data?: { estree?: EstreeProgram | null } };
  position?: { start: { line: number; column: number } };
}

/** The part of an ESTree program the rules read. */
export interface EstreeProgram {
  type: 'Program';
  body: { type: string; expression?: { type: string; value?: unknown; regex?: unknown; bigint?: unknown } }[];
}

export type ParsedChapter =
  | { ok: true; tree: ChapterNode }
  | { ok: false; line: number | undefined; reason: string };

const processor = unified().use(remarkParse).use(remarkMdx).use(remarkGfm);

/** Parses the body; a syntax error is returned with the line of the body it is on. */
export function parseChapter(body: string): ParsedChapter {
  try {
    return { ok: true, tree: processor.parse(body) as unknown as ChapterNode };
  } catch (error) {
    const e = error as { line?: unknown; reason?: unknown; message?: unknown };
    const line = typeof e.line === 'number' && e.line > 0 ? e.line : undefined;
    const reason = typeof e.reason === 'string' ? e.reason : typeof e.message === 'string' ? e.message : String(error);
    return { ok: false, line, reason };
  }
}
