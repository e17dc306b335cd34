// Characters that make a command look different from what it does ("Trojan Source",
// CVE-2021-42574): bidirectional controls reorder what the editor shows, invisible characters
// hide text. A command holding one is reported (`unsafe-command`) and never run.

export interface UnsafeCharacter {
  /** UTF-16 offset in the text. */
  offset: number;
  codePoint: number;
  name: string;
}

const NAMES = new Map<number, string>([
  [0x202a, 'LEFT-TO-RIGHT EMBEDDING'],
  [0x202b, 'RIGHT-TO-LEFT EMBEDDING'],
  [0x202c, 'POP DIRECTIONAL FORMATTING'],
  [0x202d, 'LEFT-TO-RIGHT OVERRIDE'],
  [0x202e, 'RIGHT-TO-LEFT OVERRIDE'],
  [0x2066, 'LEFT-TO-RIGHT ISOLATE'],
  [0x2067, 'RIGHT-TO-LEFT ISOLATE'],
  [0x2068, 'FIRST STRONG ISOLATE'],
  [0x2069, 'POP DIRECTIONAL ISOLATE'],
  [0x200e, 'LEFT-TO-RIGHT MARK'],
  [0x200f, 'RIGHT-TO-LEFT MARK'],
  [0x061c, 'ARABIC LETTER MARK'],
  [0x200b, 'ZERO WIDTH SPACE'],
  [0x200c, 'ZERO WIDTH NON-JOINER'],
  [0x200d, 'ZERO WIDTH JOINER'],
  [0x2060, 'WORD JOINER'],
  [0x2061, 'FUNCTION APPLICATION'],
  [0x2062, 'INVISIBLE TIMES'],
  [0x2063, 'INVISIBLE SEPARATOR'],
  [0x2064, 'INVISIBLE PLUS'],
  [0xfeff, 'ZERO WIDTH NO-BREAK SPACE'],
  [0x00ad, 'SOFT HYPHEN'],
  [0x180e, 'MONGOLIAN VOWEL SEPARATOR'],
  [0x3164, 'HANGUL FILLER'],
  [0x115f, 'HANGUL CHOSEONG FILLER'],
  [0x1160, 'HANGUL JUNGSEONG FILLER'],
  [0xe0001, 'LANGUAGE TAG'],
  [0xe0020, 'TAG SPACE'],
  [0xe007f, 'CANCEL TAG'],
]);

const NOT_ASCII = /[^\x00-\x7f]/;

const TAGS_START = 0xe0000;
const TAGS_END = 0xe007f;

/** Every bidirectional control and invisible character in the text, in order. */
export function findUnsafeCharacters(text: string): UnsafeCharacter[] {
  const found: UnsafeCharacter[] = [];
  // Every unsafe character is above U+00AC: most commands are ASCII and need no walk.
  if (!NOT_ASCII.test(text)) return found;
  let offset = 0;
  for (const char of text) {
    const codePoint = char.codePointAt(0)!;
    const name = unsafeCharacterName(codePoint);
    if (name) found.push({ offset, codePoint, name });
    offset += char.length;
  }
  return found;
}

/** The character's name if it is one of the unsafe ones. */
export function unsafeCharacterName(codePoint: number): string | undefined {
  const name = NAMES.get(codePoint);
  if (name || codePoint < TAGS_START || codePoint > TAGS_END) return name;
  // Tag characters mirror ASCII invisibly: say which letter one hides.
  const ascii = codePoint - TAGS_START;
  return ascii > 0x20 && ascii < 0x7f ? `TAG CHARACTER "${String.fromCharCode(ascii)}"` : 'TAG CHARACTER';
}

/** `U+202E`, `U+E0041`. */
export function formatCodePoint(codePoint: number): string {
  return `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`;
}
