#!/usr/bin/python3
"""Prints, as TSV on stdout, what the W3C Feed Validator says of each of its own test cases.

usage: /usr/bin/python3 scripts/w3c-verdicts.py CHECKOUT

CHECKOUT is an unpacked copy of github:w3c/feedvalidator (src/feedvalidator and testcases/). Each case is
validated as validator.w3.org/feed does at level AA, from the base URL http://www.example.com/feed, the
settings the shared folder's verdicts.tsv was made with; the columns are the same: path, the case's Expect
line, the count of errors and of warnings, and the sorted distinct classes of each.
Needs Debian's python3-lxml, python3-html5lib, python3-rdflib and python3-libxml2.
"""
import glob
import os
import re
import sys

EXPECT = re.compile(r'<!--\s*Description:.*?Expect:\s*(\S*)', re.S)
BASE = 'http://www.example.com/feed'


def cases(testcases):
    found = []
    for pattern in ('*.xml', '*.opml'):
        found += glob.glob(os.path.join(testcases, '*', '**', pattern), recursive=True)
    return sorted(found)


def events_of(feedvalidator, data):
    from feedvalidator import compatibility, logging
    try:
        events = feedvalidator.validateString(data, firstOccurrenceOnly=1, fallback='utf-8', base=BASE)['loggedEvents']
    except logging.ValidationFailure as failure:
        events = [failure.event]
    return compatibility.AA(events)


def main():
    checkout = sys.argv[1]
    sys.path.insert(0, os.path.join(checkout, 'src'))
    import urllib.request  # noqa: F401  (feedvalidator calls urllib.request without importing it)
    import feedvalidator
    from feedvalidator import logging
    testcases = os.path.join(checkout, 'testcases')
    print('path\texpect\tw3c_errors\tw3c_warnings\terror_classes\twarning_classes')
    for path in cases(testcases):
        with open(path, 'rb') as f:
            data = f.read()
        expect = EXPECT.search(data.decode('utf-8', 'replace'))
        try:
            events = events_of(feedvalidator, data)
        except Exception as crash:  # the validator's own bug on this case: say so, leave the case out
            print(f'{path}: the W3C validator crashed: {crash!r}', file=sys.stderr)
            continue
        errors = [e.__class__.__name__ for e in events if isinstance(e, logging.Error)]
        warnings = [e.__class__.__name__ for e in events if isinstance(e, logging.Warning)]
        row = [os.path.relpath(path, testcases), expect.group(1) if expect else '', str(len(errors)), str(len(warnings)),
               ','.join(sorted(set(errors))), ','.join(sorted(set(warnings)))]
        print('\t'.join(row))


if __name__ == '__main__':
    main()
