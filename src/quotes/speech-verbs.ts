/** Each verb's forms as news copy uses them: "X said", "X says", "they say", "…, stating". */
const SPEECH_VERB_FORMS = [
  'say', 'says', 'said', 'saying',
  'tell', 'tells', 'told', 'telling',
  'add', 'adds', 'added', 'adding',
  'state', 'states', 'stated', 'stating',
  'note', 'notes', 'noted', 'noting',
  'explain', 'explains', 'explained', 'explaining',
  'mention', 'mentions', 'mentioned', 'mentioning',
  'emphasize', 'emphasizes', 'emphasized', 'emphasizing',
  'emphasise', 'emphasises', 'emphasised', 'emphasising',
  'stress', 'stresses', 'stressed', 'stressing',
  'warn', 'warns', 'warned', 'warning',
  'argue', 'argues', 'argued', 'arguing',
  'insist', 'insists', 'insisted', 'insisting',
  'claim', 'claims', 'claimed', 'claiming',
  'ask', 'asks', 'asked', 'asking',
  'reply', 'replies', 'replied', 'replying',
  'write', 'writes', 'wrote', 'writing', 'written',
  'tweet', 'tweets', 'tweeted', 'tweeting',
  // Not 'post' or 'posts': "a Tumblr post" is a noun far more often than "they post" is a verb.
  'posted',
  'announce', 'announces', 'announced', 'announcing',
  'declare', 'declares', 'declared', 'declaring',
  'continue', 'continues', 'continued',
  'recall', 'recalls', 'recalled',
  'remark', 'remarks', 'remarked',
  'acknowledge', 'acknowledges', 'acknowledged',
  'admit', 'admits', 'admitted',
  'concede', 'concedes', 'conceded',
  'confirm', 'confirms', 'confirmed',
  'observe', 'observes', 'observed',
  'suggest', 'suggests', 'suggested',
  'comment', 'comments', 'commented',
  'respond', 'responds', 'responded',
  'answer', 'answers', 'answered',
  'counter', 'counters', 'countered',
  'urge', 'urges', 'urged',
  'caution', 'cautions', 'cautioned',
  'predict', 'predicts', 'predicted',
  'vow', 'vows', 'vowed',
  'promise', 'promises', 'promised',
  'testify', 'testifies', 'testified',
  'conclude', 'concludes', 'concluded',
  'contend', 'contends', 'contended',
  'maintain', 'maintains', 'maintained',
  'assert', 'asserts', 'asserted',
  'reiterate', 'reiterates', 'reiterated',
  'underline', 'underlines', 'underlined',
  'assure', 'assures', 'assured',
  'complain', 'complains', 'complained',
  'exclaim', 'exclaims', 'exclaimed',
  'joke', 'jokes', 'joked',
  'quip', 'quips', 'quipped',
  'whisper', 'whispers', 'whispered',
  'shout', 'shouts', 'shouted',
  'point out', 'points out', 'pointed out',
  'implore', 'implores', 'implored', 'imploring',
  'plead', 'pleads', 'pleaded', 'pleading',
  'beg', 'begs', 'begged',
  'recount', 'recounts', 'recounted', 'recounting',
  'laugh', 'laughs', 'laughed',
  'agree', 'agrees', 'agreed',
  'reflect', 'reflects', 'reflected',
  'sigh', 'sighs', 'sighed',
  'scoff', 'scoffs', 'scoffed',
  'snap', 'snaps', 'snapped',
  'demand', 'demands', 'demanded',
  'blast', 'blasts', 'blasted',
  'slam', 'slams', 'slammed', 'slamming',
  'praise', 'praises', 'praised',
  'deny', 'denies', 'denied',
  'reveal', 'reveals', 'revealed',
  'report', 'reports', 'reported',
  'boast', 'boasts', 'boasted',
  'brag', 'brags', 'bragged',
  'lament', 'laments', 'lamented',
  'muse', 'muses', 'mused',
  'tease', 'teases', 'teased',
  'wonder', 'wonders', 'wondered',
  'allege', 'alleges', 'alleged',
  'retort', 'retorts', 'retorted',
  'chime in', 'chimes in', 'chimed in',
  'weigh in', 'weighs in', 'weighed in',
  'go on', 'goes on', 'went on',
  'shoot back', 'shoots back', 'shot back',
  'fire back', 'fires back', 'fired back',
  'hit back', 'hits back',
  'sum up', 'sums up', 'summed up',
  'sing', 'sings', 'sang',
  'chant', 'chants', 'chanted', 'chanting',
  'moan', 'moans', 'moaned',
  'groan', 'groans', 'groaned',
  'grumble', 'grumbles', 'grumbled',
  'yell', 'yells', 'yelled',
  'scream', 'screams', 'screamed',
  'mutter', 'mutters', 'muttered',
  'murmur', 'murmurs', 'murmured',
];

/** The verbs that also stand before their speaker after a quote: “…,” said Kirby. */
const INVERTIBLE_VERB_FORMS = [
  'said', 'says', 'added', 'adds', 'asked', 'asks', 'wrote', 'writes', 'explained', 'noted', 'continued',
  'replied', 'recalled', 'remarked', 'observed', 'insisted', 'argued', 'countered', 'responded', 'answered',
  'declared', 'stated', 'tweeted', 'warned', 'quipped', 'joked', 'exclaimed', 'comments', 'commented', 'laughed',
  'recounted', 'agreed', 'wondered', 'implored', 'pleaded', 'insists', 'concluded', 'retorted', 'confirmed',
  'reported', 'announced', 'recalls', 'notes', 'explains', 'continues', 'concedes', 'conceded', 'admitted', 'admits',
  'stressed', 'emphasised', 'emphasized',
];

/**
 * Verbs that present a short phrase as someone's words without a "said": "he called it “a
 * disaster”". "so-called" is the opposite, a scare quote, so a hyphen before them does not count.
 */
const FRAMING_VERB_FORMS = ['call', 'calls', 'called', 'described', 'describes', 'dubbed', 'termed', 'labelled', 'labeled', 'branded'];

function alternation(forms: readonly string[]): string {
  return `(?:${forms.map((form) => form.replace(' ', '[ \\t]+')).join('|')})(?![\\p{L}])`;
}

export const SPEECH_VERB = alternation(SPEECH_VERB_FORMS);
export const INVERTIBLE_SPEECH_VERB = alternation(INVERTIBLE_VERB_FORMS);
/** "called it", "described … as": a verb that presents the quoted words as its subject's. */
export const FRAMING_VERB = alternation(FRAMING_VERB_FORMS.filter((form) => form !== 'call'));
/** "Residents were told the “temporary measures”…": the passive names the listener, not a speaker. */
const PASSIVE_AUXILIARY = '(?:was|were|been|being|be|is|are)';

/** A speech or framing verb as a whole word, to test whether speech frames a quote. */
export const SPEECH_OR_FRAMING_WORD = new RegExp(
  `(?<![\\p{L}-])(?<!${PASSIVE_AUXILIARY}[ \\t]+)${alternation([...SPEECH_VERB_FORMS, ...FRAMING_VERB_FORMS])}|(?<![\\p{L}])according[ \\t]+to(?![\\p{L}])`,
  'iu',
);
