"""Display helpers shared by several areas: opening hours, phones and addresses, facet labels, a
service as result lists show it.

The one common home for them (docs/architecture.md, the dependency rule): the results page, the
service page, the list page, PDFs, the widget and the page shell read them here rather than from
one another, so no area imports another area to format a phone number or an opening time. Nothing
here imports an area.
"""
