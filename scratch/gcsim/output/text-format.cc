#include "text-format.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <sys/ioctl.h>
#include <unistd.h>

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

std::string
Plural(uint64_t n, const std::string& noun, const std::string& plural)
{
    return std::to_string(n) + " " + (n == 1 ? noun : plural.empty() ? noun + "s" : plural);
}

namespace
{

/// The widths of \p table's label column and of each of its columns.
std::pair<std::size_t, std::vector<std::size_t>>
ColumnWidths(const TextTable& table)
{
    std::size_t labelWidth = 0;
    for (const auto& label : table.labels)
    {
        labelWidth = std::max(labelWidth, label.size());
    }
    std::vector<std::size_t> widths;
    for (std::size_t c = 0; c < table.headers.size(); ++c)
    {
        std::size_t w = table.headers[c].size();
        for (const auto& row : table.cells)
        {
            w = std::max(w, row[c].size());
        }
        widths.push_back(w);
    }
    return {labelWidth, widths};
}

/// Columns [first, last) of \p table, beside its label column.
std::string
RenderBlock(const TextTable& table, std::size_t labelWidth, const std::vector<std::size_t>& widths,
            std::size_t first, std::size_t last)
{
    auto cell = [&widths](std::string& line, std::size_t c, const std::string& text)
    { line += "  " + std::string(widths[c] - text.size(), ' ') + text; };
    std::string line(labelWidth, ' ');
    for (std::size_t c = first; c < last; ++c)
    {
        cell(line, c, table.headers[c]);
    }
    std::string text = line + '\n';
    for (std::size_t r = 0; r < table.labels.size(); ++r)
    {
        line = table.labels[r] + std::string(labelWidth - table.labels[r].size(), ' ');
        for (std::size_t c = first; c < last; ++c)
        {
            cell(line, c, table.cells[r][c]);
        }
        text += line + '\n';
    }
    return text;
}

} // namespace

std::string
RenderTable(const TextTable& table, std::size_t width)
{
    auto [labelWidth, widths] = ColumnWidths(table);
    if (width == 0)
    {
        return RenderBlock(table, labelWidth, widths, 0, widths.size());
    }
    std::string text;
    std::size_t first = 0;
    while (first < widths.size() || first == 0)
    {
        std::size_t last = first;
        std::size_t used = labelWidth;
        while (last < widths.size() && (last == first || used + 2 + widths[last] <= width))
        {
            used += 2 + widths[last++];
        }
        text += (first ? "\n" : "") + RenderBlock(table, labelWidth, widths, first, last);
        if (last == first)
        {
            break; // no columns: the labels alone
        }
        first = last;
    }
    return text;
}

std::string
WrapWords(const std::string& text, std::size_t width)
{
    if (width == 0)
    {
        return text;
    }
    std::string wrapped;
    std::string line;
    std::size_t at = 0;
    while (at < text.size())
    {
        std::size_t end = std::min(text.find(' ', at), text.size());
        std::string word = text.substr(at, end - at);
        if (!line.empty() && line.size() + 1 + word.size() > width)
        {
            wrapped += line + '\n';
            line.clear();
        }
        line += (line.empty() ? "" : " ") + word;
        at = end + 1;
    }
    return wrapped + line;
}

std::size_t
ConsoleWidth(const std::ostream& out)
{
    if (const char* columns = std::getenv("COLUMNS"))
    {
        char* end = nullptr;
        long n = std::strtol(columns, &end, 10);
        if (end != columns && *end == '\0' && n > 0)
        {
            return static_cast<std::size_t>(n);
        }
    }
    winsize size{};
    if (&out == &std::cout && ::isatty(STDOUT_FILENO) &&
        ::ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0)
    {
        return size.ws_col;
    }
    return 0;
}

std::string
CsvField(const std::string& text)
{
    if (text.find_first_of(",\"\n") == std::string::npos)
    {
        return text;
    }
    std::string quoted = "\"";
    for (char c : text)
    {
        quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
    }
    return quoted + "\"";
}

std::string
Us(double ns)
{
    return Fixed(ns / 1000.0, 3);
}

} // namespace gcsim
