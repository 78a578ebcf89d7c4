/**
 * Names that a sentence can put before "said" but that never name who spoke: countries, their
 * capitals used for their governments ("Washington had concluded"), demonyms, US states and party
 * words. Printing one as a quote's speaker puts words in a whole nation's mouth, so a quote whose
 * attribution lands on one gets no speaker at all.
 */
const COUNTRIES = [
  'Afghanistan', 'Albania', 'Algeria', 'Andorra', 'Angola', 'Argentina', 'Armenia', 'Australia', 'Austria', 'Azerbaijan',
  'Bahamas', 'Bahrain', 'Bangladesh', 'Barbados', 'Belarus', 'Belgium', 'Belize', 'Benin', 'Bhutan', 'Bolivia', 'Bosnia',
  'Botswana', 'Brazil', 'Brunei', 'Bulgaria', 'Burkina Faso', 'Burundi', 'Cambodia', 'Cameroon', 'Canada', 'Chad', 'Chile',
  'China', 'Colombia', 'Comoros', 'Congo', 'Costa Rica', 'Croatia', 'Cuba', 'Cyprus', 'Czechia', 'Czech Republic', 'Denmark',
  'Djibouti', 'Dominica', 'Ecuador', 'Egypt', 'El Salvador', 'Eritrea', 'Estonia', 'Eswatini', 'Ethiopia', 'Fiji', 'Finland',
  'France', 'Gabon', 'Gambia', 'Georgia', 'Germany', 'Ghana', 'Greece', 'Grenada', 'Guatemala', 'Guinea', 'Guyana', 'Haiti',
  'Honduras', 'Hungary', 'Iceland', 'India', 'Indonesia', 'Iran', 'Iraq', 'Ireland', 'Israel', 'Italy', 'Jamaica', 'Japan',
  'Jordan', 'Kazakhstan', 'Kenya', 'Kiribati', 'Kosovo', 'Kuwait', 'Kyrgyzstan', 'Laos', 'Latvia', 'Lebanon', 'Lesotho',
  'Liberia', 'Libya', 'Liechtenstein', 'Lithuania', 'Luxembourg', 'Madagascar', 'Malawi', 'Malaysia', 'Maldives', 'Mali',
  'Malta', 'Mauritania', 'Mauritius', 'Mexico', 'Micronesia', 'Moldova', 'Monaco', 'Mongolia', 'Montenegro', 'Morocco',
  'Mozambique', 'Myanmar', 'Burma', 'Namibia', 'Nauru', 'Nepal', 'Netherlands', 'Holland', 'New Zealand', 'Nicaragua',
  'Niger', 'Nigeria', 'North Korea', 'South Korea', 'Korea', 'North Macedonia', 'Macedonia', 'Norway', 'Oman', 'Pakistan',
  'Palau', 'Palestine', 'Panama', 'Papua New Guinea', 'Paraguay', 'Peru', 'Philippines', 'Poland', 'Portugal', 'Qatar',
  'Romania', 'Russia', 'Rwanda', 'Samoa', 'San Marino', 'Saudi Arabia', 'Senegal', 'Serbia', 'Seychelles', 'Sierra Leone',
  'Singapore', 'Slovakia', 'Slovenia', 'Somalia', 'South Africa', 'South Sudan', 'Spain', 'Sri Lanka', 'Sudan', 'Suriname',
  'Sweden', 'Switzerland', 'Syria', 'Taiwan', 'Tajikistan', 'Tanzania', 'Thailand', 'Togo', 'Tonga', 'Trinidad', 'Tunisia',
  'Turkey', 'Türkiye', 'Turkmenistan', 'Tuvalu', 'Uganda', 'Ukraine', 'United Arab Emirates', 'UAE', 'United Kingdom', 'UK',
  'U.K.', 'Britain', 'Great Britain', 'England', 'Scotland', 'Wales', 'United States', 'America', 'US', 'U.S.', 'USA',
  'U.S.A.', 'Uruguay', 'Uzbekistan', 'Vanuatu', 'Vatican', 'Venezuela', 'Vietnam', 'Yemen', 'Zambia', 'Zimbabwe', 'Gaza',
  'Crimea', 'Hong Kong', 'Tibet', 'Kashmir', 'Europe', 'Asia', 'Africa',
];

const CAPITALS = [
  'Washington', 'Moscow', 'Beijing', 'London', 'Paris', 'Brussels', 'Tehran', 'Kabul', 'Kyiv', 'Kiev', 'Tokyo', 'Seoul',
  'Pyongyang', 'Jerusalem', 'Tel Aviv', 'Ankara', 'Damascus', 'Baghdad', 'Riyadh', 'Cairo', 'Delhi', 'New Delhi',
  'Islamabad', 'Berlin', 'Rome', 'Madrid', 'Ottawa', 'Canberra', 'Havana', 'Caracas', 'Taipei', 'Hanoi', 'Manila',
  'Jakarta', 'Doha', 'Minsk', 'Warsaw', 'Budapest', 'Vienna', 'Athens', 'Lisbon', 'Dublin', 'Nairobi', 'Pretoria',
  'Brasilia', 'Buenos Aires', 'Mexico City', 'Abu Dhabi', 'Dubai', 'Beirut', 'Amman', 'Tripoli', 'Khartoum', 'Addis Ababa',
  'Westminster', 'Whitehall', 'Brexit',
];

const DEMONYMS = [
  'American', 'Americans', 'British', 'Briton', 'Britons', 'English', 'Scottish', 'Welsh', 'Irish', 'French', 'German',
  'Germans', 'Italian', 'Italians', 'Spanish', 'Russian', 'Russians', 'Chinese', 'Japanese', 'Korean', 'Koreans', 'Indian',
  'Indians', 'Pakistani', 'Pakistanis', 'Iranian', 'Iranians', 'Iraqi', 'Iraqis', 'Israeli', 'Israelis', 'Palestinian',
  'Palestinians', 'Syrian', 'Syrians', 'Turkish', 'Egyptian', 'Saudi', 'Saudis', 'Afghan', 'Afghans', 'Ukrainian',
  'Ukrainians', 'Polish', 'Dutch', 'Belgian', 'Swiss', 'Swedish', 'Norwegian', 'Danish', 'Finnish', 'Greek', 'Cuban',
  'Cubans', 'Mexican', 'Mexicans', 'Canadian', 'Canadians', 'Australian', 'Australians', 'Brazilian', 'Venezuelan',
  'European', 'Europeans', 'Asian', 'African', 'Arab', 'Arabs', 'Western', 'Soviet', 'Kurdish', 'Kurds',
];

const STATES = [
  'Alabama', 'Alaska', 'Arizona', 'Arkansas', 'California', 'Colorado', 'Connecticut', 'Delaware', 'Florida', 'Hawaii',
  'Idaho', 'Illinois', 'Indiana', 'Iowa', 'Kansas', 'Kentucky', 'Louisiana', 'Maine', 'Maryland', 'Massachusetts',
  'Michigan', 'Minnesota', 'Mississippi', 'Missouri', 'Montana', 'Nebraska', 'Nevada', 'New Hampshire', 'New Jersey',
  'New Mexico', 'New York', 'North Carolina', 'North Dakota', 'Ohio', 'Oklahoma', 'Oregon', 'Pennsylvania', 'Rhode Island',
  'South Carolina', 'South Dakota', 'Tennessee', 'Texas', 'Utah', 'Vermont', 'Virginia', 'West Virginia', 'Wisconsin',
  'Wyoming',
];

const PARTY_WORDS = [
  'Republican', 'Republicans', 'Democrat', 'Democrats', 'Democratic', 'Tory', 'Tories', 'Labour', 'Conservative',
  'Conservatives', 'Liberal', 'Liberals', 'Socialist', 'Socialists', 'Communist', 'Communists', 'GOP',
];

const NOT_SPEAKERS = new Set([...COUNTRIES, ...CAPITALS, ...DEMONYMS, ...STATES, ...PARTY_WORDS].map((name) => name.toLowerCase()));

/** Whether `name` (as cleaned, titles gone) is a place, a people or a party rather than someone who speaks. */
export function isNeverASpeaker(name: string): boolean {
  return NOT_SPEAKERS.has(name.replace(/^the\s+/i, '').replace(/[’']s$/, '').toLowerCase());
}
