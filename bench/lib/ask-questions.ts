/**
 * Twenty questions of our own about five CNN/DailyMail articles of ../shared/eval/cnndm, named by
 * id (the articles stay there). `expect` is a few words a right passage holds; null marks a
 * question the article does not answer, where the right answer is "The article doesn't say."
 */
export interface AskQuestion {
  article: string;
  question: string;
  expect: string | null;
}

const LOCKE = 'dm-test-008aa71f64621995d749aff42be822b1b6ca7bc9';
const DIVORCE = 'dm-test-068f529825cc39af930a462c5e9685cbd7961fa5';
const WRIGHT = 'dm-test-0a4e91187bf6e400437642aba244d0d755a449a6';
const NEIGHBOURS = 'dm-test-0fa083cb7da10f1f697e7dab6210397f00c0a4cf';
const KUNIS = 'dm-test-137ac0122ef98206953bb24be655f15307345bb7';

export const ASK_QUESTIONS: readonly AskQuestion[] = [
  { article: LOCKE, question: 'How long is the contract Gary Locke is getting?', expect: 'three-year' },
  { article: LOCKE, question: 'Who did Locke replace in February?', expect: 'Allan Johnston' },
  { article: LOCKE, question: 'Which side handed Kilmarnock their first defeat under Locke?', expect: 'Ross County' },
  { article: LOCKE, question: "What salary will Locke earn as manager?", expect: null },
  { article: DIVORCE, question: 'By how much is the retirement income of people who never divorced higher?', expect: '13' },
  { article: DIVORCE, question: 'What is the average debt of a divorced retiree?', expect: '22,100' },
  { article: DIVORCE, question: 'How many people were surveyed for the findings?', expect: '7,687' },
  { article: DIVORCE, question: 'Which government minister responded to the report?', expect: null },
  { article: WRIGHT, question: 'Who will hand AP McCoy his final champion jockey trophy?', expect: 'Ian Wright' },
  { article: WRIGHT, question: 'Why was Thierry Henry unable to present the trophy?', expect: 'Sky' },
  { article: WRIGHT, question: 'Which club does Tony Adams manage?', expect: 'Gabala' },
  { article: WRIGHT, question: 'How many races did McCoy ride to victory this season?', expect: null },
  { article: NEIGHBOURS, question: 'What crime has Phillip Pama been charged with?', expect: 'manslaughter' },
  { article: NEIGHBOURS, question: 'On what date does the case return to court?', expect: 'May 18' },
  { article: NEIGHBOURS, question: 'What time does Pama start his shift at the warehouse?', expect: '3 am' },
  { article: NEIGHBOURS, question: 'Which magistrate granted Pama bail?', expect: null },
  { article: KUNIS, question: 'How much money is Kristina Karo suing for?', expect: '5,000' },
  { article: KUNIS, question: 'What was the name of the pet chicken?', expect: 'Doggie' },
  { article: KUNIS, question: 'In what year did Mila Kunis move to the U.S.?', expect: '1991' },
  { article: KUNIS, question: 'What did Ashton Kutcher say about the lawsuit?', expect: null },
];
