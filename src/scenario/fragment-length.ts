/**
 * The longest link fragment the decoder reads. Its own module so the page can bound what it
 * autosaves without importing the codec (and with it the validator) into the main chunk.
 */
export const MAX_FRAGMENT_LENGTH = 100_000;
