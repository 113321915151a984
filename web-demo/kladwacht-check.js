// The one script a trainer pastes into a course page (Moodle, Smartschool,
// WordPress) next to the element:
//
//   <script type="module" src="https://your-school.example/kladwacht/kladwacht-check.js"></script>
//   <kladwacht-check channel="social" lang="nl"></kladwacht-check>
//
// It loads the scanner (pkg/, beside this file) from the same place, once.
// Nothing the user types leaves the browser.

import { KladwachtCheck } from './js/check-element.js';

if (!customElements.get('kladwacht-check')) customElements.define('kladwacht-check', KladwachtCheck);

export { KladwachtCheck };
