// The generic adapter: any site, the fields fields.js recognises, the
// site's channel as the only context. Site adapters (Gmail, Outlook,
// Smartschool, …) go beside this file and before it in registry.js; they can
// add recipients, the sending account and attached media to the context.

import { fieldFor, findFields } from '../fields.js';

export default {
  id: 'generic',
  matches: () => true,
  fieldFor,
  findFields,
  context: (_draft, site) => ({ channel: site.channel }),
};
