"""Service orders, agreements and their compilation three times a year (issue 14).

Pure domain code: configuration, billing, periods and the compilation's files. No Telegram.
"""
