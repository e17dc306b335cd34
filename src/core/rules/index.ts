import type { Check } from '../check.js';
import { brokenLink } from './brokenLink.js';
import { brokenRunbookUrl } from './brokenRunbookUrl.js';
import { configError } from './configError.js';
import { duplicateAlert } from './duplicateAlert.js';
import { emptySection } from './emptySection.js';
import { missingRunbook } from './missingRunbook.js';
import { missingSection } from './missingSection.js';
import { ruleSyntax } from './ruleSyntax.js';
import { unknownAlert } from './unknownAlert.js';
import { thresholdMismatch } from './thresholdMismatch.js';
import { unsafeCommand } from './unsafeCommand.js';

/** Every check, each on the kind of file it applies to. */
export const ALL_CHECKS: readonly Check[] = [
  missingSection, emptySection, unknownAlert, duplicateAlert, brokenLink,
  missingRunbook, brokenRunbookUrl, ruleSyntax, configError, unsafeCommand, thresholdMismatch,
];
