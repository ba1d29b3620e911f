"""The curated directory: HSDS 3.1 model (bilingual), validation, import/export, demo data.

Read by the indexer, the portal, the API, the exports and the curation area; it imports none of them.
"""
