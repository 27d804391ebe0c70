/**
 * The English of the panels that load on first use (the packet walk, the lesson stage, the
 * real-cluster dialog): imported first by each of them, so their words are there before they
 * draw, and an English reader who never opens one never downloads them. Which ids live here is
 * checked by catalogue-placement.test.ts.
 */
import { addEnglish } from './catalogues.ts';
import { messages } from './panels/en.po';

addEnglish(messages);
