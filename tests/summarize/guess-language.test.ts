import { describe, expect, it } from 'vitest';
import { guessLanguage } from '../../src/summarize/guess-language.js';
import { ARABIC, CHINESE, FRENCH, GERMAN, JAPANESE, KOREAN, RUSSIAN, SPANISH, THAI, TRADITIONAL_CHINESE } from '../fixtures/news-in-many-scripts.js';

describe('guessLanguage', () => {
  it.each([
    ['Chinese', CHINESE],
    ['Traditional Chinese', TRADITIONAL_CHINESE],
    ['Japanese', JAPANESE],
    ['Korean', KOREAN],
    ['Thai', THAI],
    ['Russian', RUSSIAN],
    ['Arabic', ARABIC],
    ['German', GERMAN],
    ['French', FRENCH],
    ['Spanish', SPANISH],
  ])('names a %s story', (_name, story) => {
    expect(guessLanguage(story.text)).toBe(story.language);
  });

  it.each([
    ['uk', 'Київська міська рада у вівторок ухвалила новий план ремонту шкіл. Мер заявив, що роботи почнуться вже влітку і завершаться до кінця року.'],
    ['bg', 'Правителството на България обяви във вторник нов план за ремонт на пътищата в страната. Министърът каза, че работата ще започне през пролетта.'],
    ['el', 'Η κυβέρνηση ανακοίνωσε την Τρίτη νέο σχέδιο για την ανακαίνιση των σχολείων σε όλη τη χώρα.'],
    ['he', 'הממשלה הודיעה ביום שלישי על תוכנית חדשה לשיפוץ בתי הספר ברחבי הארץ.'],
    ['hi', 'सरकार ने मंगलवार को देश भर के स्कूलों की मरम्मत के लिए एक नई योजना की घोषणा की।'],
    ['fa', 'دولت روز سه‌شنبه برنامه تازه‌ای برای نوسازی مدرسه‌های کشور اعلام کرد و گفت کار از تابستان آغاز می‌شود.'],
  ])('names %s by its script and a few of its letters', (language, text) => {
    expect(guessLanguage(text)).toBe(language);
  });

  it('goes by the script most letters are in: a Chinese story naming an English company is Chinese', () => {
    expect(guessLanguage('苹果公司周二在加州发布了新款iPhone手机，售价与去年持平。Apple CEO Tim Cook 出席了发布会。')).toBe('zh');
  });

  it('takes a little kana in a Chinese story for what it is, a quoted Japanese title', () => {
    const story =
      '日本动画《ドラえもん》新电影将于下月在中国内地上映，片方周二公布了中文版海报和预告片。据介绍，这部电影讲述了主人公一行穿越到远古时代冒险的故事。' +
      '该系列此前在中国上映的多部作品票房表现良好，业内人士预计新片也将吸引大量家庭观众。';
    expect(guessLanguage(story)).toBe('zh');
  });

  it('takes a kanji-heavy Japanese headline, with a little kana, for Japanese', () => {
    expect(guessLanguage('東京都、新防災計画を発表 避難所1.5倍に')).toBe('ja');
  });

  it('leaves English to the stop-word vote, which names it', () => {
    expect(guessLanguage('The council said on Tuesday that the new bridge will open in the spring, and that the old one will close.')).toBe('en');
  });

  it.each([
    ['a Cyrillic language it does not name (Serbian)', 'Влада Србије је у уторак објавила нови план за обнову путева широм земље.'],
    ['no letters at all', '2024 — 3.5% / 17:00'],
  ])('says "und" for %s', (_name, text) => {
    expect(guessLanguage(text)).toBe('und');
  });

  it('reads only the opening of a 5 MB text', () => {
    const started = performance.now();
    expect(guessLanguage('中文字'.repeat(1_700_000))).toBe('zh');
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
