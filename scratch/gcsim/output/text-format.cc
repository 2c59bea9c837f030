#include "text-format.h"

#include <cmath>
#include <cstdio>

namespace gcsim
{

std::string
Fixed(double v, int decimals)
{
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    return buf;
}

std::string
FixedShort(double v, int decimals)
{
    std::string text = Fixed(v, decimals);
    if (text.find('.') != std::string::npos)
    {
        text.erase(text.find_last_not_of('0') + 1);
        if (text.back() == '.')
        {
            text.pop_back();
        }
    }
    return text;
}

std::string
Number(double v)
{
    char buf[48];
    std::snprintf(buf, sizeof buf, "%.10g", v);
    return buf;
}

std::string
NumberOrEmpty(double v)
{
    return std::isnan(v) ? std::string() : Number(v);
}

std::string
Join(const std::vector<std::string>& parts, const std::string& separator)
{
    std::string text;
    for (const auto& p : parts)
    {
        text += (text.empty() ? "" : separator) + p;
    }
    return text;
}

std::string
TrimBlanks(const std::string& text, const char* blanks)
{
    std::size_t a = text.find_first_not_of(blanks);
    std::size_t b = text.find_last_not_of(blanks);
    return a == std::string::npos ? "" : text.substr(a, b - a + 1);
}

} // namespace gcsim
