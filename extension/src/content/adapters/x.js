// X / Twitter (x.com, twitter.com), channel social.
//
// Selectors this adapter relies on (X's data-testid attributes are stable and
// documented by many tools; roles back them up):
//   compose window   [role="dialog"] (the compose modal) or [data-testid="primaryColumn"]
//   message body     div[data-testid^="tweetTextarea_"][role="textbox"] (Draft.js); generic finder
//   not a draft      [data-testid="SearchBox_Search_Input"], [role="search"]
//   send             [data-testid="tweetButton"], [data-testid="tweetButtonInline"],
//                    Ctrl/Cmd+Enter
//   media            [data-testid="attachments"] img/video, blob: previews

import { BLOB_MEDIA, MAIL_KEYS, defineAdapter } from './base.js';

export default defineAdapter({
  id: 'x',
  site: 'X',
  ignore: '[data-testid="SearchBox_Search_Input"], [role="search"]',
  compose: '[role="dialog"], [data-testid="primaryColumn"]',
  send: '[data-testid="tweetButton"], [data-testid="tweetButtonInline"]',
  keys: MAIL_KEYS,
  media: (compose) => Boolean(compose.querySelector(`[data-testid="attachments"] img, [data-testid="attachments"] video, ${BLOB_MEDIA}`)),
});
