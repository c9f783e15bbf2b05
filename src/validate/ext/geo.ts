import { ruleOf } from '../xml/values.js';
import { at, type CheckContext } from '../xml/walk.js';
import { child, type XmlElement } from '../xml/xml-node.js';
import { decimal, integer, latitude, longitude, unsignedNumber } from './kinds.js';
import { must, type ElementSpec, type Value, type Vocabulary } from './spec.js';

const NUMBER = /^[-+]?\d+\.?\d*$/;

/** A GeoRSS point, "lat long" (GeoRSS Simple; a comma between them is read but warned about). */
const position: Value = (value) => {
  const v = value.trim();
  if (!/^[-+]?\d+\.?\d*[ ,]\s*[-+]?\d+\.?\d*$/.test(v)) return { problem: 'coordinates', reason: 'must be a latitude and a longitude separated by a space' };
  return v.includes(',') ? { problem: 'coordinate-comma', reason: 'separates latitude and longitude with a comma; GeoRSS uses a space', warning: true } : undefined;
};

/** A GeoRSS list of points, "lat long lat long …", at least two points. */
const positions = (minPoints: number): Value => (value) => {
  const v = value.trim();
  const numbers = v.replace(/,/g, ' ').split(/\s+/).filter(Boolean);
  if (numbers.length < 2 * minPoints || numbers.length % 2 === 1 || !numbers.every((n) => NUMBER.test(n))) {
    return { problem: 'coordinates', reason: `must be at least ${minPoints} latitude-longitude pairs separated by spaces` };
  }
  return v.includes(',') ? { problem: 'coordinate-comma', reason: 'uses commas; GeoRSS separates numbers with spaces', warning: true } : undefined;
};

const srs = { srsName: {}, srsDimension: {} };
const gmlPos: ElementSpec = { value: position };
const gmlPosList: ElementSpec = { value: positions(2) };
const GML_SHAPES: Readonly<Record<string, ElementSpec>> = {
  'gml:Point': { attrs: srs, children: { 'gml:pos': gmlPos } },
  'gml:LineString': { attrs: srs, children: { 'gml:posList': gmlPosList } },
  'gml:Polygon': { attrs: srs, children: { 'gml:exterior': { children: { 'gml:LinearRing': { attrs: srs, children: { 'gml:posList': gmlPosList } } } } } },
  'gml:Envelope': { attrs: srs, children: { 'gml:lowerCorner': gmlPos, 'gml:upperCorner': gmlPos } },
};

/** GeoRSS (georss.org): the Simple encoding and the GML profile's where. */
export const GEORSS: Vocabulary = {
  point: { value: position },
  line: { value: positions(2) },
  polygon: { value: positions(4) },
  box: { value: positions(2) },
  circle: { value: must('coordinates', 'a latitude, a longitude and a radius separated by spaces', (v) => /^(?:[-+]?\d+\.?\d*\s+){2}\d+\.?\d*$/.test(v)) },
  where: { children: GML_SHAPES },
  elev: { value: decimal },
  floor: { value: integer },
  radius: { value: unsignedNumber },
  featureTypeTag: {},
  relationshipTag: {},
  featureName: {},
};

function checkPoint(point: XmlElement, context: CheckContext): void {
  for (const name of ['lat', 'long']) {
    if (!child(point, point.ns, name)) context.report.error(ruleOf(point, context, `${name}-missing`), `<${point.qname}> must contain <geo:${name}>`, at(point));
  }
}

/** W3C Basic Geo (WGS84 lat/long), www.w3.org/2003/01/geo/. */
export const GEO: Vocabulary = {
  lat: { value: latitude },
  long: { value: longitude },
  alt: { value: decimal },
  lat_long: {},
  Point: { children: { 'geo:lat': { value: latitude }, 'geo:long': { value: longitude }, 'geo:alt': { value: decimal } }, check: checkPoint },
};

/** GeoURL and ICBM, latitude and longitude only. */
export const LAT_LONG: Vocabulary = { latitude: { value: latitude }, longitude: { value: longitude } };
