"""The offer file: plain model, pydantic schema, reader, template.

``model`` is plain frozen data; ``schema`` is the input boundary (pydantic,
JSON Schema); ``reader`` turns a file into an :class:`~inet_stages.offer.model.Offer`
and its reader findings; ``template`` writes the commented skeleton hosts fill
in. Import the submodules: this package loads nothing by itself, so that a
command that needs only the model never pays for pydantic.
"""
