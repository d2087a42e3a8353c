import { describe, expect, it } from 'vitest';
import { data } from '../support/graph.ts';
import { graphql } from '../generated/index.ts';

const EventDetails = graphql(`
  query EventDetails($slug: String!) {
    event(slug: $slug) {
      slug title kind startsAt endsAt allDay place
      hindiTitle: title(language: "hi")
      hindiPlace: place(language: "hi")
      titles { language value }
      country { code }
      participants { role person { slug } }
      countries { totalCount edges { node { code } } }
      articles { totalCount edges { node { slug } } }
    }
  }
`);

const EventList = graphql(`
  query EventList($filter: EventFilter) {
    events(filter: $filter, first: 100) { totalCount edges { node { slug } } }
  }
`);

describe('event(slug:)', () => {
  it('has its kind, span, place, participants, countries and articles', async () => {
    const { event } = await data(EventDetails, { slug: 'putin-visit-pyongyang-2024' });
    expect(event).toMatchObject({
      kind: 'VISIT',
      startsAt: '2024-06-19T00:00:00.000Z',
      allDay: true,
      place: 'Pyongyang',
      hindiPlace: 'प्योंगयांग',
      country: { code: 'KP' },
      articles: { totalCount: 1 },
    });
    expect(event?.participants).toEqual([
      { role: 'guest', person: { slug: 'vladimir-putin' } },
      { role: 'host', person: { slug: 'kim-jong-un' } },
      { role: 'delegation', person: { slug: 'sergei-lavrov' } },
    ]);
    expect(event?.countries.edges.map((e) => e.node.code).sort()).toEqual(['KP', 'RU']);
  });

  it('keeps an ongoing event open-ended and a finished one closed', async () => {
    expect((await data(EventDetails, { slug: 'russia-ukraine-war' })).event).toMatchObject({ kind: 'WAR', startsAt: '2022-02-24T00:00:00.000Z', endsAt: null });
    const war = (await data(EventDetails, { slug: 'korean-war' })).event!;
    expect(war).toMatchObject({ startsAt: '1950-06-25T00:00:00.000Z', endsAt: '1953-07-27T00:00:00.000Z' });
    expect(war.countries.edges.map((e) => e.node.code)).toEqual(expect.arrayContaining(['KP', 'KR', 'US']));
  });

  it('has titles per language', async () => {
    const { event } = await data(EventDetails, { slug: 'korean-war' }, { 'accept-language': 'hi' });
    expect(event?.title).toBe(event?.hindiTitle);
    expect(event?.titles.map((t) => t.language)).toEqual(expect.arrayContaining(['en', 'hi']));
  });
});

describe('events(filter:)', () => {
  const slugs = async (filter: object | null) => (await data(EventList, { filter })).events.edges.map((e) => e.node.slug);

  it('lists all events latest first', async () => {
    expect(await slugs(null)).toEqual([
      'putin-visit-pyongyang-2024',
      'korea-border-warning-shots-2024',
      'russia-north-korea-summit-2023',
      'russia-ukraine-war',
      'korean-war',
    ]);
  });

  it('keeps events whose span overlaps the dates, ongoing ones included', async () => {
    expect(await slugs({ from: '2024-06-19', to: '2024-06-19' })).toEqual(['putin-visit-pyongyang-2024', 'russia-ukraine-war']);
    expect(await slugs({ from: '2024-06-18', to: '2024-06-18' })).toEqual(['korea-border-warning-shots-2024', 'russia-ukraine-war']);
    expect(await slugs({ from: '1953-07-27', to: '1953-07-27' })).toEqual(['korean-war']);
    expect(await slugs({ to: '1999-12-31' })).toEqual(['korean-war']);
  });

  it('filters by countries and participants', async () => {
    expect(await slugs({ countries: ['us'] })).toEqual(['korean-war']);
    expect(await slugs({ persons: ['kim-jong-un'] })).toEqual(['putin-visit-pyongyang-2024', 'russia-north-korea-summit-2023']);
    expect(await slugs({ persons: ['kim-jong-un'], from: '2024-01-01' })).toEqual(['putin-visit-pyongyang-2024']);
  });
});
