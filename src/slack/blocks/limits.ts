// Slack's message limits, named once (https://api.slack.com/reference/block-kit/blocks).
export const SLACK_LIMITS = {
  /** Blocks per message. */
  blocks: 50,
  /** Characters in a section block's text. */
  sectionText: 3000,
  /** Characters in one section field. */
  fieldText: 2000,
  /** Fields per section block. */
  fields: 10,
  /** Characters in a header block's plain text. */
  headerText: 150,
  /** Elements per context block. */
  contextElements: 10,
  /** The notification/fallback `text`: Slack truncates past 40,000; we keep it short for phones. */
  fallbackText: 3000,
} as const;

/** Slack allows about one message per second per channel. */
export const SLACK_CHANNEL_INTERVAL_MS = 1000;
