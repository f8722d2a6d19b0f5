"""Text helpers with no project imports.

French typography and dates, safe display, the words of the offer format.
"""
