/**
 * A JSX runtime that builds DOM nodes directly, for `components.tsx` (`@jsxImportSource ./jsx`).
 *
 * Why not Preact: personalized content is rendered once per decision into an emptied slot and never
 * updated in place, so a virtual DOM and its diff (≈4.3 KB of the shopper's gzip bytes) would never
 * run. What the components need is this: elements, attributes, text and function components.
 * Text is always a text node and attribute values go through `setAttribute`, so nothing here parses
 * markup; `on*` attributes are refused so a component can never add an inline handler.
 */
export type Child = Node | string | number | boolean | null | undefined | readonly Child[];
type Props = { readonly children?: Child } & Readonly<Record<string, unknown>>;
type Component = (props: never) => Node;

function append(parent: Node, child: Child): void {
  if (child === null || child === undefined || typeof child === 'boolean') return;
  if (Array.isArray(child)) for (const item of child as readonly Child[]) append(parent, item);
  else parent.appendChild(typeof child === 'object' ? (child as Node) : document.createTextNode(String(child)));
}

export function jsx(type: string | Component, props: Props): Node {
  if (typeof type === 'function') return (type as (props: Props) => Node)(props);
  const element = document.createElement(type);
  for (const name in props) {
    const value = props[name];
    if (name === 'children' || value === null || value === undefined || value === false || /^on/i.test(name)) continue;
    element.setAttribute(name, value === true ? '' : String(value));
  }
  append(element, props.children);
  return element;
}

export const jsxs = jsx;

export function Fragment(props: Props): Node {
  const fragment = document.createDocumentFragment();
  append(fragment, props.children);
  return fragment;
}

// eslint-disable-next-line @typescript-eslint/no-namespace
export declare namespace JSX {
  type Element = Node;
  interface IntrinsicElements {
    [tag: string]: Readonly<Record<string, unknown>> & { readonly children?: Child };
  }
  interface ElementChildrenAttribute {
    children: unknown;
  }
  interface IntrinsicAttributes {
    readonly key?: string | number;
  }
}
