/** A catalogue as @lingui/vite-plugin compiles it from a .po file at build time. */
declare module '*.po' {
  import type { Messages } from '@lingui/core';
  export const messages: Messages;
}
