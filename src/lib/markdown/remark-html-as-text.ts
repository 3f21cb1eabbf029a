/**
 * Curators' Markdown notes are shown as text, never as markup: raw HTML in a trial file's body
 * (a pasted `<script>`, an `<iframe>`, an `onerror=` attribute) becomes visible text instead of
 * reaching the page. Links keep working only for http(s) and mailto addresses.
 */
interface Node {
  type: string;
  value?: string;
  url?: string;
  children?: Node[];
}

const SAFE_URL = /^(https?:|mailto:|\/|#|\.{0,2}\/)/i;

function walk(node: Node): void {
  if (!node.children) return;
  for (const child of node.children) {
    if (child.type === 'html') {
      child.type = 'text';
    } else if ((child.type === 'link' || child.type === 'image' || child.type === 'definition') && child.url !== undefined) {
      const url = child.url.trim();
      // Relative links are fine; anything with a scheme must be http(s) or mailto.
      if (/^[a-z][a-z0-9+.-]*:/i.test(url) && !SAFE_URL.test(url)) child.url = '#';
    }
    walk(child);
  }
}

/** The remark plugin: register it in astro.config.mjs `markdown.remarkPlugins`. */
export default function remarkHtmlAsText() {
  return (tree: Node) => walk(tree);
}
