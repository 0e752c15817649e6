// js-yaml ships without types (it comes with electron-builder); we only parse with it.
declare module 'js-yaml' {
  export function load(text: string): unknown;
}
