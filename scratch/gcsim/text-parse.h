#ifndef GCSIM_TEXT_PARSE_H
#define GCSIM_TEXT_PARSE_H

// Small, strict readers for the texts scenarios hold ("2ms", "100Mbps", "10.0.0.1").
//
// gcsim does not use std::regex: Debian's libns3-topology-read (3.37) builds a std::regex
// while it loads, and in a program that has its own std::regex code the loader binds the
// library to that code, which rejects the library's pattern and aborts the program before
// main() ("Invalid escape in regular expression").

#include <cctype>
#include <cstdlib>
#include <optional>
#include <string>
#include <utility>

namespace gcsim
{

inline std::string
Trim(const std::string& text)
{
    auto first = text.find_first_not_of(" \t");
    if (first == std::string::npos)
    {
        return {};
    }
    auto last = text.find_last_not_of(" \t");
    return text.substr(first, last - first + 1);
}

/// Whether \p text is a whole decimal number: [+-] digits [. digits] [e [+-] digits].
inline bool
IsDecimal(const std::string& text)
{
    std::size_t i = 0;
    auto digits = [&]
    {
        std::size_t start = i;
        while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])))
        {
            ++i;
        }
        return i - start;
    };
    if (i < text.size() && (text[i] == '+' || text[i] == '-'))
    {
        ++i;
    }
    std::size_t whole = digits();
    std::size_t fraction = 0;
    if (i < text.size() && text[i] == '.')
    {
        ++i;
        fraction = digits();
    }
    if (whole + fraction == 0)
    {
        return false;
    }
    if (i < text.size() && (text[i] == 'e' || text[i] == 'E'))
    {
        ++i;
        if (i < text.size() && (text[i] == '+' || text[i] == '-'))
        {
            ++i;
        }
        if (digits() == 0)
        {
            return false;
        }
    }
    return i == text.size();
}

/// "2.5 ms" -> (2.5, "ms"): a decimal number, optional blanks, a unit of letters and '/'.
inline std::optional<std::pair<long double, std::string>>
SplitQuantity(const std::string& text)
{
    std::string t = Trim(text);
    std::size_t end = t.size();
    while (end > 0 && (std::isalpha(static_cast<unsigned char>(t[end - 1])) || t[end - 1] == '/'))
    {
        --end;
    }
    std::string number = Trim(t.substr(0, end));
    std::string unit = t.substr(end);
    if (unit.empty() || !IsDecimal(number))
    {
        return std::nullopt;
    }
    return std::make_pair(std::strtold(number.c_str(), nullptr), unit);
}

/// Whether \p text is 1 to \p maxDigits decimal digits.
inline bool
IsDigits(const std::string& text, std::size_t maxDigits)
{
    if (text.empty() || text.size() > maxDigits)
    {
        return false;
    }
    for (char c : text)
    {
        if (!std::isdigit(static_cast<unsigned char>(c)))
        {
            return false;
        }
    }
    return true;
}

} // namespace gcsim

#endif
