/**
 * The few DOM shapes the browser tests touch inside `page.evaluate` callbacks. The project is
 * type-checked without the DOM library (Node code), so each browser test declares the globals it
 * uses with these types, module-locally:
 *   declare const document: PageDocument;
 * The callbacks run in chromium, where the real globals exist.
 */
export interface PageElement {
  textContent: string | null;
  children: ArrayLike<PageElement>;
  classList: { contains(name: string): boolean };
  getAttribute(name: string): string | null;
}

export interface PageDocument {
  querySelectorAll(selector: string): ArrayLike<PageElement>;
  querySelector(selector: string): PageElement | null;
  getElementById(id: string): PageElement | null;
  activeElement: PageElement | null;
  scripts: ArrayLike<unknown>;
}

export type PageComputedStyle = (element: PageElement) => Record<string, string>;
