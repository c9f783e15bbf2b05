import { country, currency, iso8601, nonNegative, plain, positive, trueFalse, uri } from './kinds.js';
import { must, oneOf, type ElementSpec, type Value, type Vocabulary } from './spec.js';

// Google Base item attributes (base.google.com/ns/1.0, the 2006 "Google Base attributes" list), each once per item.
const TEXT = 'actor agent area apparel_type artist author brand color condition course course_number course_times cuisine delivery_notes education employer ethnicity format id immigration_status interested_in isbn job_function job_industry job_type main_ingredient make manufacturer manufacturer_id meal_type model model_number name_of_item_being_reviewed news_source occupation payment_notes product_type property_type publication_name publication_volume review_type school_district service_type sexual_orientation size subject subject_area tax_region university upc vehicle_type vin';
const NUMBER_FIRST = 'calories cholesterol cooking_time fiber hoa_dues salary saturated_fat servings sodium total_carbs total_fat';
const WITH_UNIT = 'delivery_radius megapixels memory preparation_time price processor_speed protein weight';
const RANGES = 'course_date_range event_date_range travel_date_range';

const numberFirst = must('number', 'a number, optionally followed by a unit', (v) => /^\d+\.?\d*/.test(v));
const withUnit = must('number-unit', 'a number optionally followed by one unit word, such as "12.50 usd"', (v) => /^\d+\.?\d*\s*\w*$/.test(v));
const date = must('date', 'an ISO 8601 date such as 2006-01-02', (v) => /^\d{4}-\d\d-\d\d$/.test(v));
const year = must('year', 'a four-digit year from 1900', (v) => /^\d{4}$/.test(v) && Number(v) >= 1900);
const fields = (counts: readonly number[], what: string): Value => must('location', what, (v) => counts.includes(v.split(',').length) && (counts[0] !== 5 || v.split(',').every((f) => f.trim())));
const once = (value?: Value | readonly Value[]): ElementSpec => ({ once: true, in: ['item'], ...(value ? { value } : {}) });
const range: ElementSpec = { once: true, in: ['item'], attrs: {}, children: { 'g:start': { once: true, value: iso8601 }, 'g:end': { once: true, value: iso8601 } } };

/** The Google Base vocabulary (g:), for items of product, job, event and other listings. */
export const GOOGLE_BASE: Vocabulary = {
  ...Object.fromEntries(TEXT.split(' ').map((name) => [name, once(plain)])),
  ...Object.fromEntries(NUMBER_FIRST.split(' ').map((name) => [name, once(numberFirst)])),
  ...Object.fromEntries(WITH_UNIT.split(' ').map((name) => [name, once(withUnit)])),
  ...Object.fromEntries(RANGES.split(' ').map((name) => [name, range])),
  age: once(nonNegative),
  bathrooms: once(nonNegative),
  bedrooms: once(nonNegative),
  quantity: once(nonNegative),
  pages: once(positive),
  currency: once(currency),
  expiration_date: once(date),
  publish_date: once(date),
  expiration_date_time: once(iso8601),
  from_location: once(fields([2, 3], 'a place as "city, region" or "city, region, country"')),
  to_location: once(fields([2, 3], 'a place as "city, region" or "city, region, country"')),
  location: once(fields([5], 'a full address: street, city, region, postal code, country')),
  gender: once(oneOf(['Male', 'M', 'Female', 'F'])),
  marital_status: once(oneOf(['single', 'divorced', 'separated', 'widowed', 'married', 'in relationship'])),
  payment_accepted: { in: ['item'], value: oneOf(['Cash', 'Check', 'Visa', 'MasterCard', 'AmericanExpress', 'Discover', 'WireTransfer']) },
  price_type: once(oneOf(['negotiable', 'starting'])),
  rating: once(oneOf(['1', '2', '3', '4', '5'])),
  reviewer_type: once(oneOf(['editorial', 'user'])),
  salary_type: once(oneOf(['starting', 'negotiable'])),
  listing_type: once(trueFalse),
  pickup: once(trueFalse),
  image_link: { in: ['item'], max: 10, value: uri },
  label: { in: ['item'], max: 10, value: must('label', 'one label, without commas (repeat the element for more)', (v) => !v.includes(',')) },
  mileage: once(must('integer-unit', 'a whole number, optionally followed by a unit', (v) => /^\d[\d,]*(?:\s.*)?$/.test(v))),
  tax_percent: once(must('percent', 'a percentage from 0 to 100', (v) => /^\d+\.?\d*$/.test(v) && Number(v) <= 100)),
  year: once(year),
  url_of_item_being_reviewed: once(uri),
  shipping: {
    once: true, in: ['item'], attrs: {},
    children: { 'g:service': { once: true, value: oneOf(['FedEx', 'UPS', 'DHL', 'Mail', 'Other', 'Overnight', 'Standard']) }, 'g:country': { once: true, value: country }, 'g:price': { once: true, value: withUnit } },
  },
};
