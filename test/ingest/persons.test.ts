import { beforeAll, describe, expect, it } from 'vitest';
import { findPersonNames, loadPersonFinder } from '../../src/ingest/persons.ts';

beforeAll(loadPersonFinder);

/** The distinct names findPersonNames finds in `text`. */
const names = (text: string, language = 'en') => [...new Set(findPersonNames(text, language, ['India', 'भारत']).map((found) => found.name))];

describe('findPersonNames', () => {
  it('finds English names without a title word, before a verb in the past tense or an apposition', () => {
    expect(names('Joseph had Chad Bowes caught at second slip. When Rachin Ravindra edged the ball, the hosts were in trouble.')).toEqual(['Chad Bowes', 'Rachin Ravindra']);
    expect(names('Massad Boulos, the senior US adviser for Africa, spoke to reporters.')).toEqual(['Massad Boulos']);
  });

  it('keeps a role that runs into an English name out of it, and initials and particles in it', () => {
    expect(names('Minister of State for Petroleum Heineken Lokpobiri said output rose.')).toEqual(['Heineken Lokpobiri']);
    expect(names('Shell Chief Executive Wael Sawan told investors. State Agriculture Commissioner Tyler Harper said prices fell.')).toEqual(['Wael Sawan', 'Tyler Harper']);
    expect(names('Leader of the Opposition Edappadi K. Palaniswami said the deal was late.')).toEqual(['Edappadi K. Palaniswami']);
    expect(names('Industries Minister T.R.B. Rajaa said so. Army chief Abdel Fattah al-Burhan rejected the plan.')).toEqual(['T.R.B. Rajaa', 'Abdel Fattah al-Burhan']);
  });

  it('finds Hindi names after more roles, after stacked titles, with initials and particles, without the verb after them', () => {
    const hindi = (text: string) => names(text, 'hi');
    expect(hindi('उप गृह मंत्री रहमतुल्लाह नजीब शामिल थे.')).toEqual(['रहमतुल्लाह नजीब']);
    expect(hindi('सेना प्रमुख फ़ील्ड मार्शल आसिम मुनीर के साथ बैठक हुई.')).toEqual(['आसिम मुनीर']);
    expect(hindi('क़तर के प्रधानमंत्री शेख़ मोहम्मद बिन अब्दुलरहमान अल सानी से बात की.')).toEqual(['मोहम्मद बिन अब्दुलरहमान अल सानी']);
    expect(hindi('उपराष्ट्रपति सी. पी. राधाकृष्णन ने दौरा किया। इस्मा के महानिदेशक दीपक बल्लानी ने कहा।')).toEqual(['सी. पी. राधाकृष्णन', 'दीपक बल्लानी']);
    // A score or an age in brackets marks a name too.
    expect(hindi('शुभमन गिल (112) के शतक से भारत जीता।')).toEqual(['शुभमन गिल']);
  });
});
