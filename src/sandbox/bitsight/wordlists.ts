// Word lists for believable seeded data. Company names are `<first> <second>` with an optional
// legal suffix: 120 × 72 × (1 + 12) combinations leaves ample room for 10,000 unique names.

export const NAME_FIRST = [
  'Actors', 'Alder', 'Alpine', 'Amber', 'Anchor', 'Apex', 'Arbor', 'Argent', 'Arrow', 'Aspen',
  'Atlas', 'Aurora', 'Azure', 'Bay', 'Beacon', 'Birch', 'Black Hills', 'Blue Harbor', 'Bluebird', 'Bold',
  'Boulder', 'Bright', 'Brook', 'Cardinal', 'Cascade', 'Cedar', 'Celtic', 'Central', 'Charter', 'Clear',
  'Clover', 'Coastal', 'Cobalt', 'Comet', 'Copper', 'Coral', 'Crescent', 'Crown', 'Crystal', 'Cypress',
  'Delta', 'Desert', 'Eagle', 'East Point', 'Echo', 'Elm', 'Ember', 'Emerald', 'Evergreen', 'Falcon',
  'Fern', 'Firefly', 'Forge', 'Fox', 'Frontier', 'Garnet', 'Glacier', 'Golden', 'Granite', 'Great Lakes',
  'Harbor', 'Hawthorn', 'Heron', 'Highland', 'Horizon', 'Indigo', 'Iron', 'Ivy', 'Jade', 'Juniper',
  'Keystone', 'Lakeside', 'Lantern', 'Laurel', 'Liberty', 'Linden', 'Lotus', 'Lunar', 'Maple', 'Marble',
  'Meadow', 'Meridian', 'Mesa', 'Midland', 'Monarch', 'Mosaic', 'North Star', 'Northwind', 'Oak', 'Ocean',
  'Olive', 'Onyx', 'Orchid', 'Pacific', 'Páramo', 'Pebble', 'Pine', 'Pioneer', 'Polar', 'Prairie',
  'Quartz', 'Radiant', 'Raven', 'Redwood', 'Ridge', 'River', 'Saffron', 'Sage', 'Sapphire', 'Sierra',
  'Silver', 'Sky', 'Solar', 'Spruce', 'Summit', 'Teacup', 'Thistle', 'Tidewater', 'Union', 'Willow',
] as const;

export const NAME_SECOND = [
  'Analytics', 'Apparel', 'Architects', 'Bakery', 'Bank', 'Biotech', 'Brewing', 'Builders', 'Capital', 'Cargo',
  'Chemicals', 'Clinics', 'Cloud', 'Construction', 'Consulting', 'Credit Union', 'Data', 'Demolition', 'Dental', 'Design',
  'Devices', 'Diagnostics', 'Digital', 'Distribution', 'Dynamics', 'Electric', 'Energy', 'Engineering', 'Farms', 'Films',
  'Finance', 'Foods', 'Freight', 'Furniture', 'Games', 'Genomics', 'Health', 'Hospitality', 'Imaging', 'Industries',
  'Insurance', 'Labs', 'Legal', 'Logistics', 'Machinery', 'Marine', 'Media', 'Medical', 'Metals', 'Mining',
  'Motors', 'Networks', 'Outfitters', 'Payments', 'Pharma', 'Plastics', 'Power', 'Printing', 'Publishing', 'Realty',
  'Recycling', 'Retail', 'Robotics', 'Security', 'Semiconductors', 'Shipping', 'Software', 'Solar', 'Systems', 'Telecom',
  'Textiles', 'Travel',
] as const;

export const NAME_SUFFIX = [
  'Inc.', 'Group', 'Holdings', 'Partners', 'International', 'Corp.', 'Ltd', 'GmbH', 'LLC', 'Co.', 'S.A.', 'AG',
] as const;

/** TLD of the primary domain, weighted towards .com as in real portfolios. */
export const PRIMARY_TLDS: ReadonlyArray<readonly [string, number]> = [
  ['com', 70], ['net', 6], ['us', 5], ['io', 4], ['co.uk', 5], ['de', 4], ['fr', 2], ['com.au', 2], ['ca', 2],
];

/** TLDs of the extra domains some companies also own. */
export const EXTRA_TLDS = ['io', 'co.uk', 'net', 'de', 'eu', 'org', 'co'] as const;

export interface IndustryDef {
  name: string;
  slug: string;
  subs: ReadonlyArray<readonly [name: string, slug: string]>;
}

export const INDUSTRIES: readonly IndustryDef[] = [
  { name: 'Technology', slug: 'technology', subs: [['Software', 'software'], ['Hardware', 'hardware'], ['IT Services', 'it_services'], ['Semiconductors', 'semiconductors'], ['Cybersecurity', 'cybersecurity']] },
  { name: 'Finance', slug: 'finance', subs: [['Banking', 'banking'], ['Payments', 'payments'], ['Asset Management', 'asset_management']] },
  { name: 'Healthcare/Wellness', slug: 'healthcare', subs: [['Hospitals', 'hospitals'], ['Clinics', 'clinics'], ['Pharmaceuticals', 'pharmaceuticals'], ['Biotechnology', 'biotechnology'], ['Medical Devices', 'medical_devices']] },
  { name: 'Media/Entertainment', slug: 'mediaentertainment', subs: [['Music', 'music'], ['Film', 'film'], ['Publishing', 'publishing'], ['Video Games', 'video_games']] },
  { name: 'Manufacturing', slug: 'manufacturing', subs: [['Industrial Machinery', 'industrial_machinery'], ['Chemicals', 'chemicals'], ['Automotive', 'automotive'], ['Metals', 'metals'], ['Plastics', 'plastics'], ['Textiles', 'textiles'], ['Furniture', 'furniture']] },
  { name: 'Retail', slug: 'retail', subs: [['Apparel', 'apparel'], ['E-commerce', 'ecommerce'], ['Grocery', 'grocery']] },
  { name: 'Energy/Resources', slug: 'energy', subs: [['Utilities', 'utilities'], ['Oil and Gas', 'oil_and_gas'], ['Renewables', 'renewables'], ['Mining', 'mining']] },
  { name: 'Engineering', slug: 'engineering', subs: [['Construction', 'construction'], ['Architecture', 'architecture'], ['Engineering Services', 'engineering_services']] },
  { name: 'Insurance', slug: 'insurance', subs: [['Property and Casualty', 'property_casualty'], ['Life', 'life']] },
  { name: 'Telecommunications', slug: 'telecommunications', subs: [['Wireless', 'wireless'], ['Internet Service Providers', 'isp']] },
  { name: 'Transportation', slug: 'transportation', subs: [['Logistics', 'logistics'], ['Shipping', 'shipping'], ['Airlines', 'airlines']] },
  { name: 'Legal', slug: 'legal', subs: [['Law Firms', 'law_firms']] },
  { name: 'Education', slug: 'education', subs: [['Higher Education', 'higher_education'], ['E-learning', 'elearning']] },
  { name: 'Food/Beverage', slug: 'food_beverage', subs: [['Food Production', 'food_production'], ['Bakeries', 'bakeries'], ['Breweries', 'breweries']] },
  { name: 'Agriculture', slug: 'agriculture', subs: [['Farming', 'farming']] },
  { name: 'Hospitality/Travel', slug: 'hospitality', subs: [['Hotels', 'hotels'], ['Travel', 'travel']] },
  { name: 'Real Estate', slug: 'real_estate', subs: [['Real Estate Services', 'real_estate_services']] },
  { name: 'Business Services', slug: 'business_services', subs: [['Consulting', 'consulting'], ['Design', 'design'], ['Printing', 'printing'], ['Waste and Recycling', 'waste_recycling']] },
];

/**
 * The industry and sub-industry (slugs) a company's name says it is in: "Cedar Bakery" bakes,
 * "Atlas Semiconductors" makes chips. Every NAME_SECOND word has one.
 */
export const INDUSTRY_OF_NAME: Readonly<Record<(typeof NAME_SECOND)[number], readonly [industry: string, sub: string]>> = {
  Analytics: ['technology', 'software'], Apparel: ['retail', 'apparel'], Architects: ['engineering', 'architecture'], Bakery: ['food_beverage', 'bakeries'],
  Bank: ['finance', 'banking'], Biotech: ['healthcare', 'biotechnology'], Brewing: ['food_beverage', 'breweries'], Builders: ['engineering', 'construction'],
  Capital: ['finance', 'asset_management'], Cargo: ['transportation', 'logistics'], Chemicals: ['manufacturing', 'chemicals'], Clinics: ['healthcare', 'clinics'],
  Cloud: ['technology', 'it_services'], Construction: ['engineering', 'construction'], Consulting: ['business_services', 'consulting'], 'Credit Union': ['finance', 'banking'],
  Data: ['technology', 'it_services'], Demolition: ['engineering', 'construction'], Dental: ['healthcare', 'clinics'], Design: ['business_services', 'design'],
  Devices: ['technology', 'hardware'], Diagnostics: ['healthcare', 'medical_devices'], Digital: ['technology', 'it_services'], Distribution: ['transportation', 'logistics'],
  Dynamics: ['manufacturing', 'industrial_machinery'], Electric: ['energy', 'utilities'], Energy: ['energy', 'utilities'], Engineering: ['engineering', 'engineering_services'],
  Farms: ['agriculture', 'farming'], Films: ['mediaentertainment', 'film'], Finance: ['finance', 'asset_management'], Foods: ['food_beverage', 'food_production'],
  Freight: ['transportation', 'logistics'], Furniture: ['manufacturing', 'furniture'], Games: ['mediaentertainment', 'video_games'], Genomics: ['healthcare', 'biotechnology'],
  Health: ['healthcare', 'hospitals'], Hospitality: ['hospitality', 'hotels'], Imaging: ['healthcare', 'medical_devices'], Industries: ['manufacturing', 'industrial_machinery'],
  Insurance: ['insurance', 'property_casualty'], Labs: ['healthcare', 'biotechnology'], Legal: ['legal', 'law_firms'], Logistics: ['transportation', 'logistics'],
  Machinery: ['manufacturing', 'industrial_machinery'], Marine: ['transportation', 'shipping'], Media: ['mediaentertainment', 'publishing'], Medical: ['healthcare', 'medical_devices'],
  Metals: ['manufacturing', 'metals'], Mining: ['energy', 'mining'], Motors: ['manufacturing', 'automotive'], Networks: ['telecommunications', 'isp'],
  Outfitters: ['retail', 'apparel'], Payments: ['finance', 'payments'], Pharma: ['healthcare', 'pharmaceuticals'], Plastics: ['manufacturing', 'plastics'],
  Power: ['energy', 'utilities'], Printing: ['business_services', 'printing'], Publishing: ['mediaentertainment', 'publishing'], Realty: ['real_estate', 'real_estate_services'],
  Recycling: ['business_services', 'waste_recycling'], Retail: ['retail', 'ecommerce'], Robotics: ['technology', 'hardware'], Security: ['technology', 'cybersecurity'],
  Semiconductors: ['technology', 'semiconductors'], Shipping: ['transportation', 'shipping'], Software: ['technology', 'software'], Solar: ['energy', 'renewables'],
  Systems: ['technology', 'it_services'], Telecom: ['telecommunications', 'wireless'], Textiles: ['manufacturing', 'textiles'], Travel: ['hospitality', 'travel'],
};

export const SUBSCRIPTION_TYPES: ReadonlyArray<readonly [{ name: string; slug: string }, number]> = [
  [{ name: 'Total Risk Monitoring', slug: 'continuous_monitoring' }, 80],
  [{ name: 'Alerts Only', slug: 'alerts-only' }, 15],
  [{ name: 'Vendor Selection', slug: 'vendor-selection' }, 5],
];

export const RELATIONSHIPS = [
  { name: 'Vendor', slug: 'vendor' },
  { name: 'Partner', slug: 'partner' },
  { name: 'Subsidiary', slug: 'subsidiary' },
  { name: 'Customer', slug: 'customer' },
] as const;

export const LIFE_CYCLES = [
  { name: 'Onboarding', slug: 'onboarding' },
  { name: 'Monitoring', slug: 'monitoring' },
  { name: 'Offboarding', slug: 'offboarding' },
] as const;

export const FIRST_NAMES = [
  'Diane', 'Arnold', 'Maria', 'James', 'Priya', 'Tomás', 'Chloé', 'Kenji', 'Amara', 'Lars',
  'Fatima', 'Owen', 'Ingrid', 'Rafael', 'Mei', 'Samuel', 'Zara', 'Hugo', 'Nadia', 'Victor',
  'Elena', 'Daniel', 'Aisha', 'Marco', 'Hannah', 'Yusuf', 'Grace', 'Pieter', 'Leila', 'Connor',
] as const;

export const LAST_NAMES = [
  'Jones', 'Brown', 'Castro', 'Kuga', 'Patel', 'García', 'Moreau', 'Tanaka', 'Okoye', 'Lindqvist',
  'Haddad', 'Murphy', 'Berg', 'Silva', 'Wong', 'Adeyemi', 'Khan', 'Laurent', 'Petrova', 'Novak',
  'Rossi', 'Schmidt', 'Nguyen', 'Walsh', 'Dubois', 'Kowalczyk', 'Reyes', 'Jansen', 'Farah', 'Doyle',
] as const;
