#include "gnuplot-script.h"

#include "models/network/text-file.h"
#include "scratch/gcsim/output/text-format.h"
#include "scratch/gcsim/scenario.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <tuple>

namespace gcsim
{
namespace plotting
{

std::string
OneLine(std::string text)
{
    std::replace(text.begin(), text.end(), '\n', ' ');
    std::replace(text.begin(), text.end(), '\r', ' ');
    return text;
}

std::string
Quote(const std::string& text)
{
    std::string q = "\"";
    for (char c : text)
    {
        if (c == '"' || c == '\\')
        {
            q += '\\';
            q += c;
        }
        else if (c == '\n')
        {
            q += "\\n";
        }
        else if (c != '\r')
        {
            q += c;
        }
    }
    return q + "\"";
}

std::vector<std::string>
ModeColors(const std::vector<std::string>& modes)
{
    const std::map<std::string, std::string> fixed = {{"unicast", "#0072b2"},
                                                      {"replicated-unicast", "#d55e00"},
                                                      {"multicast", "#009e73"},
                                                      {"broadcast", "#cc79a7"},
                                                      {"overlay", "#e69f00"}};
    const std::vector<std::string> spare = {"#56b4e9", "#8c564b", "#000000", "#7f7f7f",
                                            "#bcbd22", "#17becf", "#9467bd", "#e377c2"};
    std::set<std::string> used;
    std::vector<std::string> colors(modes.size());
    for (std::size_t i = 0; i < modes.size(); ++i)
    {
        auto it = fixed.find(modes[i]);
        if (it != fixed.end())
        {
            colors[i] = it->second;
            used.insert(it->second);
        }
    }
    // The first multicast variant takes multicast's colour if plain multicast is absent.
    for (std::size_t i = 0; i < modes.size(); ++i)
    {
        if (colors[i].empty() && modes[i].rfind("multicast/", 0) == 0 && !used.count("#009e73"))
        {
            colors[i] = "#009e73";
            used.insert(colors[i]);
        }
    }
    std::size_t next = 0;
    for (auto& c : colors)
    {
        if (c.empty())
        {
            while (next < spare.size() && used.count(spare[next]))
            {
                ++next;
            }
            c = spare[next < spare.size() ? next : next % spare.size()];
            used.insert(c);
            ++next;
        }
    }
    return colors;
}

std::pair<std::string, double>
TimeUnit(double maxNs)
{
    if (maxNs < 1e6)
    {
        return {"µs", 1e3};
    }
    if (maxNs < 1e9)
    {
        return {"ms", 1e6};
    }
    return {"s", 1e9};
}

std::string
ScriptHead(const std::string& name, const std::string& what, const std::string& dataColumns)
{
    std::ostringstream s;
    s << "# " << OneLine(what) << "\n"
      << "# Written by gcsim plot. Re-render after editing: gnuplot " << name << ".gp\n"
      << "# (from any folder): it writes " << name << ".png and " << name << ".svg beside itself.\n"
      << "# Data: " << name << ".dat, " << OneLine(dataColumns) << "\n\n"
      << "# The folder of this script: its data and figures are beside it.\n"
      << "dir = \"\"\n"
      << "if (exists(\"ARG0\")) {\n"
      << "    do for [i = strlen(ARG0):1:-1] {\n"
      << "        if (dir eq \"\" && ARG0[i:i] eq \"/\") { dir = ARG0[1:i] }\n"
      << "    }\n"
      << "}\n"
      << "data = dir . \"" << name << ".dat\"\n\n"
      << "reset\n";
    return s.str();
}

std::string
OutputLoop(const std::string& name, const std::string& body, int width, int height)
{
    std::ostringstream s;
    s << "do for [format in \"png svg\"] {\n"
      << "    if (format eq \"svg\") {\n"
      << "        set terminal svg size " << width << "," << height
      << " dynamic font \"Sans,12\" noenhanced background \"white\"\n"
      << "    } else {\n"
      << "        if (strstrt(GPVAL_TERMINALS, \"pngcairo\") > 0) {\n"
      << "            set terminal pngcairo size " << width << "," << height
      << " font \"Sans,11\" noenhanced\n"
      << "        } else {\n"
      << "            set terminal png size " << width << "," << height << " noenhanced\n"
      << "        }\n"
      << "    }\n"
      << "    set output dir . \"" << name << ".\" . format\n";
    std::istringstream lines(body);
    for (std::string line; std::getline(lines, line);)
    {
        s << (line.empty() ? "" : "    ") << line << "\n";
    }
    s << "    set output\n"
      << "}\n";
    return s.str();
}

const char* kCommonSettings = "set encoding utf8\n"
                              "set grid back lt 1 lc rgb \"#e4e4e4\" lw 1\n"
                              "set border 3 lw 1\n"
                              "set tics nomirror out\n"
                              "set key opaque box lc rgb \"#bbbbbb\" samplen 3 spacing 1.2\n";

std::string
ModeTics(const std::vector<std::string>& modes, double room)
{
    std::ostringstream s;
    s << "set xtics (";
    std::size_t longest = 0;
    for (std::size_t i = 0; i < modes.size(); ++i)
    {
        s << (i ? ", " : "") << Quote(modes[i]) << " " << i;
        longest = std::max(longest, modes[i].size());
    }
    s << ")";
    // About 7.5 pixels a character at 11 points.
    double each = room / double(std::max<std::size_t>(1, modes.size()));
    if (double(longest) * 7.5 > each)
    {
        s << (each < 60 ? " rotate by -45 left" : " rotate by -25 left");
    }
    s << "\n";
    return s.str();
}

std::string
KeyBelow(const std::vector<std::string>& titles)
{
    std::size_t longest = 1;
    for (const auto& t : titles)
    {
        longest = std::max(longest, t.size());
    }
    // About 7.5 pixels a character, and the line sample beside the text.
    std::size_t columns = std::size_t(double(kWidth - 100) / (7.5 * double(longest + 8)));
    columns = std::max<std::size_t>(1, std::min(columns, titles.size()));
    std::size_t rows = (titles.size() + columns - 1) / columns;
    std::ostringstream s;
    s << "set key below horizontal Left reverse maxcols " << columns << "\n"
      << "set bmargin " << int(std::ceil(double(rows) * 1.2)) + 5 << "\n";
    return s.str();
}

std::string
CurveIndex(const std::vector<std::string>& titles)
{
    std::ostringstream s;
    s << "\n# The curves, by data index:\n";
    for (std::size_t i = 0; i < titles.size(); ++i)
    {
        s << "#   " << i << ": " << OneLine(titles[i]) << "\n";
    }
    return s.str();
}

std::vector<Overlap>
FindOverlaps(const std::vector<Points>& curves, bool logX, bool logY, bool segments)
{
    auto tx = [&](double v) { return logX ? std::log10(std::max(v, 1e-300)) : v; };
    auto ty = [&](double v) { return logY ? std::log10(std::max(v, 1e-300)) : v; };
    double x0 = INFINITY, x1 = -INFINITY, y0 = INFINITY, y1 = -INFINITY;
    for (const auto& c : curves)
    {
        for (const auto& [x, y] : c)
        {
            x0 = std::min(x0, tx(x));
            x1 = std::max(x1, tx(x));
            y0 = std::min(y0, ty(y));
            y1 = std::max(y1, ty(y));
        }
    }
    double xTolerance = x1 > x0 ? 0.005 * (x1 - x0) : 1e-9;
    double yTolerance = y1 > y0 ? 0.005 * (y1 - y0) : 1e-9;
    auto near = [&](const std::pair<double, double>& a, const std::pair<double, double>& b)
    {
        return std::fabs(tx(a.first) - tx(b.first)) <= xTolerance &&
               std::fabs(ty(a.second) - ty(b.second)) <= yTolerance;
    };
    auto whole = [&](const Points& a, const Points& b)
    {
        if (a.size() != b.size())
        {
            return false;
        }
        for (std::size_t i = 0; i < a.size(); ++i)
        {
            if (!near(a[i], b[i]))
            {
                return false;
            }
        }
        return true;
    };
    auto onSegment = [&](const Points& a, const Points& b)
    {
        for (std::size_t i = 0; i + 1 < a.size(); ++i)
        {
            for (std::size_t j = 0; j + 1 < b.size(); ++j)
            {
                if (near(a[i], b[j]) && near(a[i + 1], b[j + 1]))
                {
                    return true;
                }
            }
        }
        return false;
    };
    std::vector<Overlap> overlaps(curves.size());
    for (std::size_t i = 0; i < curves.size(); ++i)
    {
        overlaps[i].under = i;
        for (std::size_t j = 0; j < i; ++j)
        {
            if (overlaps[j].under == j && whole(curves[i], curves[j]))
            {
                overlaps[i].under = j;
                break;
            }
        }
    }
    std::vector<std::size_t> depth(curves.size(), 0);
    std::size_t deepest = 0;
    for (std::size_t i = curves.size(); i-- > 0;)
    {
        for (std::size_t j = i + 1; j < curves.size(); ++j)
        {
            if (overlaps[j].under == overlaps[i].under ||
                (segments && onSegment(curves[i], curves[j])))
            {
                depth[i] = std::max(depth[i], depth[j] + 1);
            }
        }
        deepest = std::max(deepest, depth[i]);
    }
    double step = deepest ? std::min(1.5, 5.0 / double(deepest)) : 0;
    for (std::size_t i = 0; i < curves.size(); ++i)
    {
        overlaps[i].width = 2 + step * double(depth[i]);
        overlaps[i].size = 1.0 + 0.2 * step * double(depth[i]);
    }
    return overlaps;
}

} // namespace plotting
} // namespace gcsim
