/** @jsxImportSource ../../../src/render/jsx */
import { describe, expect, it } from 'vitest';

const html = (node: Node) => {
  const div = document.createElement('div');
  div.append(node);
  return div.innerHTML;
};

describe('the DOM JSX runtime', () => {
  it('builds elements with attributes, text and nested children', () => {
    const items = ['a', 'b'];
    expect(html(<ul class="list">{items.map((item) => <li data-x={item}>{item}</li>)}</ul>)).toBe('<ul class="list"><li data-x="a">a</li><li data-x="b">b</li></ul>');
  });

  it('skips false, null and undefined children and attributes; true is an empty attribute', () => {
    expect(html(<p hidden={true} title={undefined} lang={null}>{false}{null}{undefined}{0}</p>)).toBe('<p hidden="">0</p>');
  });

  it('inserts strings as text, never markup', () => {
    const node = <p>{'<img src=x onerror=alert(1)>'}</p>;
    expect((node as Element).querySelector('img')).toBeNull();
    expect(node.textContent).toBe('<img src=x onerror=alert(1)>');
  });

  it('never sets an inline event handler attribute', () => {
    expect(html(<a href="/x" onclick="alert(1)" ONMOUSEOVER="alert(2)">x</a>)).toBe('<a href="/x">x</a>');
  });

  it('calls function components with their props and renders fragments', () => {
    const Label = ({ text }: { text: string }) => <b>{text}</b>;
    expect(html(<><Label text="one" /><Label text="two" /></>)).toBe('<b>one</b><b>two</b>');
  });
});
