import { describe, expect, it } from 'vitest';
import { cleanParagraphs } from '../../src/article/clean-paragraphs.js';
import { extractArticle } from '../../src/article/extract.js';

/** Issue 9: bylines, datelines and other page furniture must never reach a summariser. */

const story = 'The regional council approved the flood barrier plan on Tuesday night after a debate that lasted more than four hours.';
const ending = 'Construction is expected to begin next spring, and the council will review the costs again in the autumn.';
const page = { title: 'Council approves flood barrier', byline: 'Jane Roe', siteName: 'Riverton Post', pageUrl: 'https://www.rivertonpost.example/news/flood-barrier' };

/** The furniture line between two paragraphs of story, cleaned as a page with that byline would be. */
const cleanAround = (line: string, options: Partial<typeof page> = page) => cleanParagraphs([story, line, ending], { title: null, ...options });

describe('cleaning drops page furniture', () => {
  it.each([
    // Bylines, in the forms pages print them
    'By Jane Roe',
    'By Jane Roe · 3 hours ago',
    'BY JANE ROE',
    'by Jane Roe and John Doe',
    'By Jane Roe, Staff Writer',
    'By GREG BEACHAM, AP Sports Writer',
    'By Stefan Becket, Kathryn Watson, Grace Segers',
    'By Mike Wuerthele and Malcolm Owen Monday, November 18, 2019, 04:05 pm PT (07:05 pm ET)',
    'By Matthew Digby , Minh Do on Monday, November 18th, 2019 at 11:08 a.m.',
    'by Regan September 15, 2014',
    'Written by Jane Roe',
    'By',
    // The author's name alone, as Readability gave it, and a wire service on its own line
    'Jane Roe',
    'JANE ROE',
    'Jane Roe, Riverton Post',
    'Associated Press',
    'Opinion Columnist',
    // Datelines and time stamps, absolute and relative
    '3 hours ago',
    'Updated 2 hours ago',
    'Updated 12:04 PM EST, Tue March 3, 2020',
    'Published: 2 June 2019',
    'PUBLISHED: 10:48, Tue, Nov 19, 2019',
    '| UPDATED: 11:05, Tue, Nov 19, 2019',
    'Published 4:00 am CST, Wednesday, November 20, 2019',
    'Updated Nov. 19, 2019 8:21 am ET / Original Nov. 19, 2019 8:02 am ET',
    'November 19, 2019 | 4:20am | Updated November 19, 2019 | 9:32pm',
    'Nov. 20, 2019Updated: Nov. 20, 2019 1:35 a.m.',
    'Posted: Fri 6:45 PM, Feb 16, 2018 |',
    'November 20, 2019 / 1:07 AM / Riverton Post',
    'March 3, 2020',
    '18 NOV 2019',
    '19.11.2019, 08:57',
    'segunda-feira, 22 de janeiro de 2018 às 0:13',
    '02 Ago 2017',
    // Reading times
    '4 min read',
    '5 minute read',
    'Reading time: 3 minutes',
    'Tempo de leitura: 1 minuto',
    // Photo credits and captions
    'Photo: Jane Doe/Reuters',
    'Getty Images',
    'Image copyright Getty Images',
    'Natalie Naccache | Bloomberg | Getty Images',
    '© John Brecher',
    'Protesters gather in the square (Image: Getty)',
    // Share bars, prompts and calls to action
    'Share this',
    'Share this article',
    'Like this story? Share it with a friend!',
    'Click here for more information.',
    'Get the magazine delivered every month. Click here for more information.',
    'Follow us on Twitter',
    'Follow Newsbeat on Instagram, Facebook, Twitter and YouTube.',
    'Advertisement',
    'Advert',
    'SEE MORE: Hong Kong protests: 800 students under siege',
    '[Related: Ten things to know about the budget]',
    'Skip to content',
    'Media playback is unsupported on your device',
    'This slideshow requires JavaScript.',
    'Image 1 of / 9',
    'Print Article',
    'Subscribe',
    'Get breaking news alerts and special reports. The news that matters, delivered to your inbox.',
    'Write to Jane Roe at jane.roe@rivertonpost.example',
    'Tags: flood, council, budget',
    // Credit lines of agency copy
    '(Reporting by Jane Roe; Editing by John Doe)',
    'Additional reporting by John Doe',
    'John Doe contributed reporting from Hong Kong.',
    // The page's own address, as print headers repeat it
    'https://www.rivertonpost.example/news/flood-barrier',
  ])('drops %j', (line) => {
    expect(cleanAround(line)).toEqual([story, ending]);
  });

  it('drops bylines and time stamps on pasted text too, where no byline is known', () => {
    for (const line of ['By Jane Roe · 3 hours ago', 'Updated 12:04 PM EST, Tue March 3, 2020', '4 min read', 'Published: 2 June 2019']) {
      expect(cleanAround(line, {})).toEqual([story, ending]);
    }
  });

  it("drops the author's bio at the end, and only there", () => {
    const bio = 'Jane Roe is a reporter for the Riverton Post. She covers the council and the river.';
    expect(cleanParagraphs([story, ending, 'Jane Roe', bio], page)).toEqual([story, ending]);
    expect(cleanParagraphs([story, ending, 'Jane joined the Post in 2017 and has written about floods since 2009.'], page)).toEqual([story, ending]);
  });
});

describe('cleaning keeps the story', () => {
  it.each([
    // Sentences that merely contain a date, a time or a name
    'On Tuesday, March 3, the council voted to fund the barrier.',
    'The vote was held on March 3, 2020 at 7:30 pm, after a four-hour debate.',
    'By Tuesday evening, the river had risen two metres above its usual level.',
    'By 2030, the city wants every home in the flood zone protected.',
    'Updated maps released on Monday show the flood zone growing by a third.',
    'Published in 1998, the report warned that the old wall would fail within twenty years.',
    'Three hours ago the river was still rising, the mayor said at the briefing.',
    'Jane Roe, the council’s engineer, said the barrier would last fifty years.',
    'The photo showed the minister leaving the building through a side door.',
    'Follow the money, the auditor told the committee, and the problem becomes clear.',
    'Shares in the builder rose 4% after the vote.',
    'Research by Oxford economists suggests the barrier will cost more than planned.',
    'Produced by the river authority, the report runs to 400 pages.',
    'She contributed reporting to the series that won the prize in 2015.',
    '(c) the council shall publish the accounts of the project every year.',
    'Reading time matters for children, the librarian said.',
    'Door',
    'Scammers are targeting your inbox with fake invoices, the police warned on Monday.',
    // A quotation and a heading
    '“We have waited long enough,” said Jane Roe, a resident of the lower town.',
    'What happens next',
  ])('keeps %j', (line) => {
    expect(cleanAround(line)).toEqual([story, line, ending]);
  });

  it("keeps a paragraph about someone who shares the author's name when it is not at the end", () => {
    const about = 'Jane Roe is also the name of the river ferry that sank in 1931, and the council named the barrier after it.';
    const body = [story, about, ending, 'The barrier will be finished in 2027.', 'The river authority welcomed the vote.', 'Residents were relieved.', 'Costs will be reviewed.', 'Work starts soon.', 'The mayor thanked the engineers.'];
    expect(cleanParagraphs(body, page)).toEqual(body);
  });

  it('keeps a long paragraph that ends in a photo credit, without the credit', () => {
    const long = `${story} ${ending} ${story.replace('Tuesday', 'Wednesday')} (Photo: AFP)`;
    expect(cleanParagraphs([long], { title: null })).toEqual([long.replace(' (Photo: AFP)', '')]);
  });
});

describe('flattening a page leaves out furniture marked by its class', () => {
  const paragraph = (n: number) => `Paragraph ${n} of the story explains the council's flood barrier decision in enough detail to read like reporting.`;
  const html = `<!doctype html><html><head><title>Council approves flood barrier</title></head><body><article>
    <h1>Council approves flood barrier</h1>
    <div class="article-byline"><span class="author-name">Jane Roe</span> <time class="timestamp">Mar 3</time></div>
    ${[1, 2, 3].map((n) => `<p>${paragraph(n)}</p>`).join('')}
    <div class="image-wrapper"><img src="a.jpg"><p class="wp-caption-text">Workers build the first section of the wall</p></div>
    <ul class="share-tools"><li>Facebook</li><li>Email</li></ul>
    <nav class="breadcrumbs"><a href="/">Home</a> <a href="/news">News</a></nav>
    ${[4, 5].map((n) => `<p>${paragraph(n)}</p>`).join('')}
    <div class="related-stories"><p><a href="/a">Council fails to agree on rail budget</a></p></div>
  </article></body></html>`;

  it('keeps every paragraph of the story and nothing else', () => {
    const { paragraphs } = extractArticle(html, 'https://news.example/flood');
    expect(paragraphs).toEqual([1, 2, 3, 4, 5].map(paragraph));
  });

  it('keeps a date marked up inside a sentence, and drops a line that is nothing but marked-up furniture', () => {
    const inline = `<html><body><article>
      <p><span class="byline">By Jane Roe</span> <span class="date">Mar 3</span></p>
      <p>On <time class="date">March 3</time>, the council voted to fund the barrier.</p>
      ${[1, 2, 3, 4].map((n) => `<p>${paragraph(n)}</p>`).join('')}
    </article></body></html>`;
    expect(extractArticle(inline, null).paragraphs).toEqual(['On March 3, the council voted to fund the barrier.', ...[1, 2, 3, 4].map(paragraph)]);
  });

  it('keeps a long element whatever its class says', () => {
    const wrapped = `<html><body><div class="post-author-content">${[1, 2, 3, 4, 5].map((n) => `<p>${paragraph(n)}</p>`).join('')}</div></body></html>`;
    expect(extractArticle(wrapped, null).paragraphs).toEqual([1, 2, 3, 4, 5].map(paragraph));
  });
});
