import { parseFragment } from 'parse5';

// HTML read back with parse5, an HTML parser independent of the renderer: what a reader shows.

interface Node {
  nodeName: string;
  value?: string;
  attrs?: { name: string; value: string }[];
  childNodes?: Node[];
  content?: Node;
}

/** What a reader sees of an HTML fragment: text, link targets, images, and each element's tag, id and class. */
export interface ReadBack {
  readonly text: string;
  readonly links: string[];
  readonly images: string[];
  readonly elements: string[];
}

function attribute(node: Node, name: string): string | undefined {
  return node.attrs?.find((attr) => attr.name === name)?.value;
}

/** Parses `html` as a fragment and collects what a reader would see. */
export function readBack(html: string): ReadBack {
  let text = '';
  const links: string[] = [];
  const images: string[] = [];
  const elements: string[] = [];
  const walk = (node: Node) => {
    if (node.nodeName === '#text') text += node.value;
    else if (!node.nodeName.startsWith('#')) {
      const id = attribute(node, 'id');
      const cls = attribute(node, 'class');
      elements.push(`${node.nodeName}${id ? `#${id}` : ''}${cls ? `.${cls.trim().split(/\s+/).join('.')}` : ''}`);
      if (node.nodeName === 'a' && attribute(node, 'href') !== undefined) links.push(attribute(node, 'href')!);
      if (node.nodeName === 'img') images.push(`${attribute(node, 'src')} ${attribute(node, 'alt') ?? ''}`);
    }
    for (const child of node.childNodes ?? []) walk(child);
  };
  walk(parseFragment(html) as unknown as Node);
  return { text: text.replace(/\s+/g, ' ').trim(), links, images, elements };
}
