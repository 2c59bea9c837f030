// Topology kind `file`: routers and links read from a map (`topology.map`); every map link
// is a point-to-point link (core_rate, core_delay); P1 on its own point-to-point link to
// router 0 (or `server_router`); the clients on min(N, routers P1 can reach) routers chosen
// by the seed (or `access_routers`), one CSMA LAN each (data_rate, delay).
//
//     map file --ns-3's reader--> node names and links --> routers R0 .. R(n-1)
//
//          P1                               P1's access link (data_rate, delay)
//           |
//          R0 ------ R7 ------ R3           one p2p link per distinct map link
//         /  \        |         |           (core_rate, core_delay)
//       R2    R5 --- R9        R4 -- R8
//              |      |
//            =====  =====                   client LANs on seeded routers
//            C1 C2  C3 C4                   (data_rate, delay)
//
// Formats (`topology.format`), read by ns-3's topology-read module (3.37):
//   inet        Inet 3.0 generator output: a line `nodes links`, then `nodes` lines
//               `id x y`, then `links` lines `from to weight`. ns-3's InetTopologyReader
//               makes nodes only from link lines, so a node in no link is not a router.
//   orbis       Orbis output: one link per line, `from to`.
//   rocketfuel  a Rocketfuel maps file (`uid @location [+] [bb] (n) [&e] -> <uid> ... =name
//               rN`, one router per line with its neighbours; ns-3 3.37's reader means to
//               skip lines of radius N > 0 but reads the radius from after its digit, so it
//               reads every line, and so does gcsim) or weights file (`from to weight`, every
//               link in both directions; the reader keeps one). The first line tells them
//               apart. The reader matches each line with a pattern that splits at spaces and
//               tabs only: a name may hold any other byte.
// Link weights and positions, read from the file's text (ns-3's readers keep them as strings):
//   weights     Inet's and Rocketfuel weights files' third field, the link's cost under
//               routing_metric = "weight" (OSPF-like: routes minimise their sum). A link
//               listed twice (Rocketfuel: once each way) keeps the weight listed first. Any
//               weight that is not a number above zero is refused with its line, but only
//               when the scenario routes by weight (routes by hops or delay never read them).
//   positions   Inet's node lines `id x y`, one unit a km (Inet's plane is 10,000 units on a
//               side); with core_delay = "distance" each link's delay is DistanceDelay of
//               the straight line between its routers (5 us per km, to the ns, at least 1 us).
// Orbis maps and Rocketfuel maps files have neither; every link gets core_rate, and
// core_delay unless it is "distance".
//
// Router numbering: router i is the i-th of the map's node names in order, by value when
// every name is an integer (Inet, Orbis, Rocketfuel maps: router i of an Inet map whose
// every node has a link is Inet node i), else alphabetically (Rocketfuel weights names such
// as "San+Jose,+CA4062"). Links are built in the order the reader lists them.
//
// Node ids: the hosts are created first (P1 is node 0, client n node n); the reader then
// creates one ns-3 Node per map node, which stays unused in the NodeList (ns-3 has no way to
// remove a node before Simulator::Destroy); the routers are created after those.
//
// Defects of real maps:
//   self-loops          a link from a node to itself: skipped and counted.
//   duplicate links     the same pair again, in either direction: the first is kept, the
//                       others skipped and counted (a Rocketfuel maps file lists every link
//                       at both of its ends, so half its links count here).
//   disconnected parts  every part is built, but P1 and the clients only go where P1 can
//                       reach: seeded placement draws from the routers in the server
//                       router's part; a listed access router in another part is refused
//                       (std::invalid_argument naming topology.access_routers and the map).
//   cut-short or malformed files
//                       ns-3's readers stop silently at the first line they cannot parse
//                       (Rocketfuel) or at the end of the file (Inet), and the Inet reader
//                       repeats the previous link for a blank or one-field link line. So the
//                       file is checked first, line by line: an Inet file must hold the
//                       lines its header announces, each with its fields, and nothing after;
//                       an Orbis line must have two fields; a Rocketfuel line must be one the
//                       reader reads whole, as its pattern and its conversions read it (no
//                       "\r" at its end, no leading blank, a weight std::stod reads, one space
//                       between neighbours, at most 4096 characters: its std::regex recurses
//                       per character), with no blank line before the end (trailing blank
//                       lines, "\r" ones too, lose nothing); and what the reader returns
//                       must be every link and node the file lists. Inet and Orbis readers
//                       split lines at any white space (`>>`), "\r" included.
//                       Anything else is refused with the file and line (std::invalid_argument,
//                       which gcsim reports as bad input, exit status 2). An Orbis or
//                       Rocketfuel file cut exactly at a line break cannot be told from a
//                       smaller map: those formats announce no size.
//   empty maps, missing files, maps with no link between two different routers
//                       refused the same way.

#include "map-topology.h"

#include "config-error.h"
#include "network.h"
#include "text-file.h"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <limits>
#include <map>
#include <ns3/log.h>
#include <ns3/node-container.h>
#include <ns3/topology-reader-helper.h>
#include <set>
#include <sstream>
#include <stdexcept>

namespace ns3
{
namespace gcsim
{

NS_LOG_COMPONENT_DEFINE("GcsimMapTopology");

/// Kilometres in one unit of an Inet map's plane (10,000 units on a side).
constexpr double kInetKmPerUnit = 1.0;

namespace
{

using NamePair = std::pair<std::string, std::string>;

/// What the file lists, checked line by line.
struct FileLinks
{
    std::vector<NamePair> links;    //!< as listed
    std::vector<uint32_t> lines;    //!< the line of each link
    std::vector<std::string> nodes; //!< the nodes the reader makes, first appearance first
    uint32_t unlinkedNodes{0};      //!< Inet nodes in no link
    /// Each link's weight as written (Inet, Rocketfuel weights files); empty: none.
    std::vector<std::string> weights;
    bool placed{false}; //!< whether the format places its nodes (Inet's `id x y` lines)
    /// Inet: each node's line (first if listed twice) as its fields, and its line number.
    std::map<std::string, std::pair<std::vector<std::string>, uint32_t>> nodeLines;
};

[[noreturn]] void
Refuse(const std::string& file, uint32_t line, const std::string& what)
{
    throw ConfigError("topology.map",
                      file + (line ? ", line " + std::to_string(line) : std::string()) + ": " +
                          what);
}

/// \p line as a message quotes it: in backquotes, bytes outside printable ASCII as \xHH, cut
/// after 60 characters.
std::string
Shown(const std::string& line)
{
    std::string shown = "`";
    for (std::size_t i = 0; i < line.size() && i < 60; ++i)
    {
        auto c = static_cast<unsigned char>(line[i]);
        if (c >= 0x20 && c < 0x7f)
        {
            shown += static_cast<char>(c);
        }
        else
        {
            char hex[8];
            std::snprintf(hex, sizeof hex, "\\x%02x", c);
            shown += hex;
        }
    }
    return shown + (line.size() > 60 ? "...`" : "`");
}

std::vector<std::string>
Fields(const std::string& line)
{
    std::istringstream in(line);
    std::vector<std::string> fields;
    for (std::string f; in >> f;)
    {
        fields.push_back(f);
    }
    return fields;
}

/// A count of at most 9 digits.
bool
ReadCount(const std::string& text, uint32_t& value)
{
    if (text.empty() || text.size() > 9 ||
        !std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isdigit(c); }))
    {
        return false;
    }
    value = static_cast<uint32_t>(std::stoul(text));
    return true;
}

/// An integer name: an optional '-' and 1 to 18 digits.
bool
IsInteger(const std::string& text)
{
    std::size_t start = !text.empty() && text[0] == '-' ? 1 : 0;
    return text.size() > start && text.size() - start <= 18 &&
           std::all_of(text.begin() + start, text.end(),
                       [](unsigned char c) { return std::isdigit(c); });
}

/// Whether every character of \p text is one of \p set (and there is one).
bool
MadeOf(const std::string& text, const char* set)
{
    return !text.empty() && text.find_first_not_of(set) == std::string::npos;
}

/// A Rocketfuel weight ns-3's reader takes: digits and dots (its pattern) that std::stod
/// reads whole and in range (it skips the link otherwise, or throws: nothing is read).
bool
IsWeight(const std::string& text)
{
    if (!MadeOf(text, "0123456789."))
    {
        return false;
    }
    char* end = nullptr;
    errno = 0;
    std::strtod(text.c_str(), &end);
    return end == text.c_str() + text.size() && errno != ERANGE;
}

std::string
CutHint(std::size_t index, const std::vector<std::string>& lines)
{
    return index + 1 == lines.size() ? " (the last line: is the file cut short?)" : "";
}

/// Counts \p name as a node of the map; refuses a map of more than kMaxMapRouters.
void
AddNode(FileLinks& map, std::set<std::string>& seen, const std::string& name, uint32_t line,
        const std::string& file)
{
    if (seen.insert(name).second)
    {
        map.nodes.push_back(name);
        if (map.nodes.size() > kMaxMapRouters)
        {
            Refuse(file, line,
                   "the map has more than " + std::to_string(kMaxMapRouters) +
                       " routers, the most gcsim builds (as for the generated kinds)");
        }
    }
}

void
AddLink(FileLinks& map, std::set<std::string>& seen, const std::string& from, const std::string& to,
        uint32_t line, const std::string& file)
{
    map.links.emplace_back(from, to);
    map.lines.push_back(line);
    AddNode(map, seen, from, line, file);
    AddNode(map, seen, to, line, file);
}

FileLinks
CheckInet(const std::string& file, const std::vector<std::string>& lines)
{
    FileLinks map;
    std::set<std::string> seen;
    std::vector<std::string> header = lines.empty() ? std::vector<std::string>{} : Fields(lines[0]);
    uint32_t nodes = 0;
    uint32_t links = 0;
    if (header.size() != 2 || !ReadCount(header[0], nodes) || !ReadCount(header[1], links))
    {
        Refuse(file, 1, "an Inet map starts with a line `nodes links` (two counts)");
    }
    if (nodes > kMaxMapRouters)
    {
        Refuse(file, 1,
               "the header announces " + std::to_string(nodes) + " nodes; gcsim builds at most " +
                   std::to_string(kMaxMapRouters) + " routers (as for the generated kinds)");
    }
    std::vector<std::string> ids;
    for (uint32_t j = 0; j < nodes; ++j)
    {
        std::size_t i = 1 + j;
        if (i >= lines.size())
        {
            Refuse(file, 0,
                   "cut short: its header announces " + std::to_string(nodes) + " nodes and " +
                       std::to_string(links) + " links, but the file ends after " +
                       std::to_string(j) + " of the nodes");
        }
        auto f = Fields(lines[i]);
        if (f.size() != 3)
        {
            Refuse(file, static_cast<uint32_t>(i + 1),
                   Shown(lines[i]) + " is not an Inet node line (`id x y`)" + CutHint(i, lines));
        }
        ids.push_back(f[0]);
        map.nodeLines.emplace(f[0], std::make_pair(f, static_cast<uint32_t>(i + 1)));
    }
    map.placed = true;
    for (uint32_t j = 0; j < links; ++j)
    {
        std::size_t i = 1 + std::size_t(nodes) + j;
        if (i >= lines.size())
        {
            Refuse(file, 0,
                   "cut short: its header announces " + std::to_string(links) +
                       " links, but the file ends after " + std::to_string(j) + " of them");
        }
        auto f = Fields(lines[i]);
        if (f.size() != 3)
        {
            Refuse(file, static_cast<uint32_t>(i + 1),
                   Shown(lines[i]) + " is not an Inet link line (`from to weight`)" +
                       CutHint(i, lines));
        }
        AddLink(map, seen, f[0], f[1], static_cast<uint32_t>(i + 1), file);
        map.weights.push_back(f[2]);
    }
    for (std::size_t i = 1 + std::size_t(nodes) + links; i < lines.size(); ++i)
    {
        if (!Fields(lines[i]).empty())
        {
            Refuse(file, static_cast<uint32_t>(i + 1),
                   "the header announces " + std::to_string(nodes) + " nodes and " +
                       std::to_string(links) + " links, but the file goes on");
        }
    }
    std::set<std::string> listed(ids.begin(), ids.end());
    map.unlinkedNodes = static_cast<uint32_t>(std::count_if(
        listed.begin(), listed.end(), [&](const auto& id) { return !seen.count(id); }));
    return map;
}

FileLinks
CheckOrbis(const std::string& file, const std::vector<std::string>& lines)
{
    FileLinks map;
    std::set<std::string> seen;
    for (std::size_t i = 0; i < lines.size(); ++i)
    {
        auto f = Fields(lines[i]);
        if (f.empty())
        {
            continue; // the reader skips blank lines
        }
        if (f.size() != 2)
        {
            Refuse(file, static_cast<uint32_t>(i + 1),
                   Shown(lines[i]) + " is not an Orbis link line (`from to`)" + CutHint(i, lines));
        }
        AddLink(map, seen, f[0], f[1], static_cast<uint32_t>(i + 1), file);
    }
    return map;
}

/// ns-3's Rocketfuel reader matches each line with std::regex, which recurses once per
/// character: a line of some 40,000 characters overflows an 8 MB stack.
constexpr std::size_t kRocketfuelLineLimit = 4096;

/// A line cut as ns-3's Rocketfuel patterns cut it: words apart at runs of spaces and tabs
/// (only those: a carriage return, a vertical tab or a form feed is part of a word).
struct SpacedWords
{
    std::vector<std::string> words;
    std::vector<std::size_t> gaps; //!< how many spaces and tabs stand before each word
};

SpacedWords
SplitAtSpaces(const std::string& line)
{
    SpacedWords split;
    auto blank = [](char c) { return c == ' ' || c == '\t'; };
    std::size_t i = 0;
    while (i < line.size())
    {
        std::size_t gap = i;
        while (i < line.size() && blank(line[i]))
        {
            ++i;
        }
        std::size_t word = i;
        while (i < line.size() && !blank(line[i]))
        {
            ++i;
        }
        if (i > word)
        {
            split.gaps.push_back(word - gap);
            split.words.push_back(line.substr(word, i - word));
        }
    }
    return split;
}

const std::string kNotWeights = "not a Rocketfuel weights line (`from to weight`)";

/// What ns-3's Rocketfuel reader makes of a line: "" and the link and its weight, or why it
/// reads none.
std::string
ReadWeightsLine(const std::string& line, NamePair& link, std::string& weight)
{
    SpacedWords split = SplitAtSpaces(line);
    const auto& w = split.words;
    if (w.size() != 3 || split.gaps[0] != 0 || !MadeOf(w[2], "0123456789."))
    {
        return kNotWeights;
    }
    if (Fields(line) != w)
    {
        return "a name holds a vertical tab, a form feed or a carriage return, which ns-3's "
               "reader keeps in the name";
    }
    if (!IsWeight(w[2]))
    {
        return "ns-3's reader cannot read the weight `" + w[2] + "` (a number in range)";
    }
    link = {w[0], w[1]};
    weight = w[2];
    return "";
}

const std::string kDigits = "0123456789";
const std::string kAlphanumerics = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/// Whether \p word is \p open, one or more characters of \p inside, then \p close.
bool
Enclosed(const std::string& word, const std::string& open, const std::string& close,
         const std::string& inside)
{
    std::size_t o = open.size();
    std::size_t c = close.size();
    return word.size() > o + c && word.compare(0, o, open) == 0 &&
           word.compare(word.size() - c, c, close) == 0 &&
           MadeOf(word.substr(o, word.size() - o - c), inside.c_str());
}

/// A neighbour count the reader's std::stoi reads: "(digits)" in the range of an int.
bool
IsNeighbourCount(const std::string& word)
{
    if (!Enclosed(word, "(", ")", kDigits))
    {
        return false;
    }
    errno = 0;
    long n = std::strtol(word.c_str() + 1, nullptr, 10);
    return errno != ERANGE && n <= std::numeric_limits<int>::max();
}

/// The same for a maps line: "" with the router and its neighbours, or what is wrong. ns-3's
/// pattern `uid @loc [+] [bb] (n) [&ext] -> <uid> ... {-euid} ... =name rN` is taken with
/// its parts apart and one space or tab between neighbours: after two the reader drops the
/// rest of them, and it joins neighbours written without one ("<1><2>" is router 12).
std::string
ReadMapsLine(const std::string& line, std::string& uid, std::vector<std::string>& neighbours)
{
    SpacedWords split = SplitAtSpaces(line);
    const auto& w = split.words;
    std::size_t k = 0;
    auto take = [&](bool fits)
    {
        k += fits;
        return fits;
    };
    auto at = [&](std::size_t i) { return i < w.size() ? w[i] : std::string(); };
    std::size_t dashes = at(0).find_first_not_of('-');
    if (w.empty() || split.gaps[0] != 0 || dashes == std::string::npos ||
        !MadeOf(w[0].substr(dashes), kDigits.c_str()))
    {
        return "it does not start with a router uid (digits)";
    }
    uid = w[k++];
    if (!take(Enclosed(at(k), "@", "", "?,+-" + kAlphanumerics)))
    {
        return "the uid is not followed by a location `@...` of letters, digits and ?,+-";
    }
    take(at(k) == "+");
    take(at(k) == "bb");
    if (!take(IsNeighbourCount(at(k))))
    {
        return "no neighbour count `(n)` (at most 2147483647) after the location";
    }
    take(Enclosed(at(k), "&", "", kDigits));
    if (!take(at(k) == "->"))
    {
        return "no `->` after the neighbour count";
    }
    neighbours.clear();
    for (; k < w.size() && w[k][0] == '<'; ++k)
    {
        if (!Enclosed(w[k], "<", ">", kDigits))
        {
            return "the neighbour `" + w[k] + "` is not a uid in angle brackets";
        }
        if (!neighbours.empty() && split.gaps[k] != 1)
        {
            return "more than one space or tab before the neighbour " + w[k] +
                   ": ns-3's reader drops it and those after it";
        }
        neighbours.push_back(w[k].substr(1, w[k].size() - 2));
    }
    while (take(Enclosed(at(k), "{-", "}", kDigits + "{}-")))
    {
    }
    if (!take(Enclosed(at(k), "=", "", ".!-" + kAlphanumerics)))
    {
        return "no name `=name` (letters, digits and .!-) after the neighbours";
    }
    if (!take(at(k).size() == 2 && Enclosed(at(k), "r", "", kDigits)))
    {
        return "no radius `rN` (one digit) after the name";
    }
    return k == w.size() ? "" : "words after the radius";
}

FileLinks
CheckRocketfuel(const std::string& file, const std::vector<std::string>& lines)
{
    FileLinks map;
    std::set<std::string> seen;
    for (std::size_t i = 0; i < lines.size(); ++i)
    {
        if (lines[i].size() > kRocketfuelLineLimit)
        {
            Refuse(file, static_cast<uint32_t>(i + 1),
                   Shown(lines[i]) + " is longer than " + std::to_string(kRocketfuelLineLimit) +
                       " characters: ns-3's Rocketfuel reader (std::regex) overflows the stack "
                       "on long lines");
        }
    }
    // The reader tells the two kinds of file apart by the first line, and stops at the first
    // line that is not of that kind: it may stop only where nothing but blank lines follow.
    std::string uid;
    std::vector<std::string> neighbours;
    bool mapsFile = !lines.empty() && ReadMapsLine(lines[0], uid, neighbours).empty();
    std::size_t last = lines.size();
    while (last > 0 && Fields(lines[last - 1]).empty())
    {
        --last;
    }
    for (std::size_t i = 0; i < last; ++i)
    {
        auto line = static_cast<uint32_t>(i + 1);
        if (Fields(lines[i]).empty())
        {
            Refuse(file, line, "a blank line inside a Rocketfuel map (ns-3's reader stops there)");
        }
        if (lines[i].back() == '\r')
        {
            Refuse(file, line,
                   Shown(lines[i]) +
                       " ends in \\r: the lines end in carriage returns (\\r\\n), and ns-3's "
                       "Rocketfuel reader reads no link from such a line");
        }
        if (mapsFile)
        {
            std::string fault = ReadMapsLine(lines[i], uid, neighbours);
            if (!fault.empty())
            {
                Refuse(file, line,
                       Shown(lines[i]) +
                           " is not a Rocketfuel maps line ns-3's reader reads "
                           "whole: " +
                           fault + CutHint(i, lines));
            }
            // Every line, whatever its radius: ns-3 3.37's reader means to skip routers of
            // radius N > 0, but reads the radius from after its digit, so always 0.
            AddNode(map, seen, uid, line, file);
            for (const auto& neighbour : neighbours)
            {
                AddLink(map, seen, uid, neighbour, line, file);
            }
            continue;
        }
        NamePair link;
        std::string weight;
        std::string fault = ReadWeightsLine(lines[i], link, weight);
        if (fault.empty())
        {
            AddLink(map, seen, link.first, link.second, line, file);
            map.weights.push_back(weight);
            continue;
        }
        bool neither = i == 0 && fault == kNotWeights;
        if (neither && lines[0].find("->") != std::string::npos)
        {
            Refuse(file, line,
                   Shown(lines[i]) + " is not a Rocketfuel maps line ns-3's reader reads whole: " +
                       ReadMapsLine(lines[0], uid, neighbours) + CutHint(i, lines));
        }
        Refuse(file, line,
               Shown(lines[i]) +
                   (neither ? " is not a Rocketfuel maps or weights line (`from to weight`, or "
                              "`uid @location (n) -> <uid> ... =name rN`)"
                    : fault == kNotWeights ? " is " + fault
                                           : ": ns-3's reader reads no link from it: " + fault) +
                   CutHint(i, lines));
    }
    return map;
}

NamePair
Unordered(const std::string& a, const std::string& b)
{
    return a < b ? NamePair(a, b) : NamePair(b, a);
}

} // namespace

namespace
{

/// The file's lines, checked against its format: what it lists.
FileLinks
ListedLinks(const std::string& file, const std::string& format)
{
    if (format != "inet" && format != "orbis" && format != "rocketfuel")
    {
        throw ConfigError("topology.format",
                          "'" + format + "' is not a map format; give inet, orbis or rocketfuel");
    }
    std::istringstream in;
    try
    {
        in.str(ReadTextFile(file, kMaxMapBytes));
    }
    catch (const std::invalid_argument& e)
    {
        std::string what = e.what(); // "FILE: what is wrong"
        Refuse(file, 0, what.substr(std::min(what.size(), file.size() + 2)));
    }
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);)
    {
        lines.push_back(line); // a "\r" before the "\n" stays: Rocketfuel's reader keeps it
    }
    if (in.bad())
    {
        Refuse(file, 0, "cannot read the file");
    }
    FileLinks listed = format == "inet"    ? CheckInet(file, lines)
                       : format == "orbis" ? CheckOrbis(file, lines)
                                           : CheckRocketfuel(file, lines);
    if (listed.nodes.empty())
    {
        Refuse(file, 0,
               "the map holds no " + std::string(format == "rocketfuel" ? "routers" : "links"));
    }
    return listed;
}

/// Routers numbered from \p names, the distinct links of \p links in order, the parts.
RouterMap
Assemble(const std::string& file, std::vector<std::string> names,
         const std::vector<NamePair>& links)
{
    RouterMap map;
    map.names = std::move(names);
    bool numeric = std::all_of(map.names.begin(), map.names.end(), IsInteger);
    std::sort(map.names.begin(), map.names.end(),
              [numeric](const std::string& a, const std::string& b)
              {
                  if (numeric)
                  {
                      long long x = std::stoll(a);
                      long long y = std::stoll(b);
                      if (x != y)
                      {
                          return x < y;
                      }
                  }
                  return a < b;
              });
    std::map<std::string, uint32_t> index;
    for (uint32_t r = 0; r < map.names.size(); ++r)
    {
        index[map.names[r]] = r;
    }
    std::set<std::pair<uint32_t, uint32_t>> built;
    std::vector<std::vector<uint32_t>> adjacent(map.names.size());
    for (const auto& [from, to] : links)
    {
        uint32_t a = index.at(from);
        uint32_t b = index.at(to);
        if (a == b)
        {
            ++map.selfLoops;
            continue;
        }
        if (!built.insert({std::min(a, b), std::max(a, b)}).second)
        {
            ++map.duplicates;
            continue;
        }
        map.links.emplace_back(a, b);
        adjacent[a].push_back(b);
        adjacent[b].push_back(a);
    }
    if (map.links.empty())
    {
        Refuse(file, 0,
               "the map holds no links between two different routers (" +
                   std::to_string(map.selfLoops) + " self-loops skipped)");
    }

    // Connected parts, numbered in the order of their lowest router.
    constexpr uint32_t kUnset = ~0U;
    map.part.assign(map.names.size(), kUnset);
    for (uint32_t r = 0; r < map.names.size(); ++r)
    {
        if (map.part[r] != kUnset)
        {
            continue;
        }
        std::vector<uint32_t> stack{r};
        map.part[r] = map.parts;
        while (!stack.empty())
        {
            uint32_t v = stack.back();
            stack.pop_back();
            for (uint32_t w : adjacent[v])
            {
                if (map.part[w] == kUnset)
                {
                    map.part[w] = map.parts;
                    stack.push_back(w);
                }
            }
        }
        ++map.parts;
    }
    return map;
}

/// \p text as a finite number, read whole (std::strtod); false if it is not one.
bool
ReadNumber(const std::string& text, double& value)
{
    char* end = nullptr;
    errno = 0;
    value = std::strtod(text.c_str(), &end);
    return !text.empty() && end == text.c_str() + text.size() && errno != ERANGE &&
           std::isfinite(value);
}

/// The weights of \p map's links: each the weight the file lists first for its two routers.
void
AddWeights(RouterMap& map, const FileLinks& listed, const std::string& file)
{
    std::map<std::string, uint32_t> index;
    for (uint32_t r = 0; r < map.names.size(); ++r)
    {
        index[map.names[r]] = r;
    }
    std::map<std::pair<uint32_t, uint32_t>, double> first;
    for (std::size_t k = 0; k < listed.links.size(); ++k)
    {
        double weight = 0;
        if ((!ReadNumber(listed.weights[k], weight) || weight <= 0) && map.weightFault.empty())
        {
            map.weightFault = file + ", line " + std::to_string(listed.lines[k]) +
                              ": the link's weight " + Shown(listed.weights[k]) +
                              " is not a number above zero";
        }
        uint32_t a = index.at(listed.links[k].first);
        uint32_t b = index.at(listed.links[k].second);
        first.emplace(std::make_pair(std::min(a, b), std::max(a, b)), weight);
    }
    for (const auto& [a, b] : map.links)
    {
        map.weights.push_back(first.at({std::min(a, b), std::max(a, b)}));
    }
}

/// The positions of \p map's routers: their Inet node lines' `x y`.
void
AddPositions(RouterMap& map, const FileLinks& listed, const std::string& file)
{
    for (const auto& name : map.names)
    {
        auto node = listed.nodeLines.find(name);
        double x = 0;
        double y = 0;
        if (node == listed.nodeLines.end())
        {
            map.positionFault = map.positionFault.empty() ? file + ": node " + name +
                                                                " is in a link but has no node "
                                                                "line `id x y`"
                                                          : map.positionFault;
        }
        else if ((!ReadNumber(node->second.first[1], x) || !ReadNumber(node->second.first[2], y)) &&
                 map.positionFault.empty())
        {
            map.positionFault = file + ", line " + std::to_string(node->second.second) + ": " +
                                Shown(node->second.first[0] + " " + node->second.first[1] + " " +
                                      node->second.first[2]) +
                                ": the node's coordinates are not two numbers";
        }
        map.positions.emplace_back(x, y);
    }
}

/// \p map with its links' weights and its routers' positions, where the file has them.
RouterMap
WithAttributes(RouterMap map, const FileLinks& listed, const std::string& file)
{
    map.unlinkedNodes = listed.unlinkedNodes;
    map.weighted = !listed.weights.empty();
    map.placed = listed.placed;
    if (map.weighted)
    {
        AddWeights(map, listed, file);
    }
    if (map.placed)
    {
        AddPositions(map, listed, file);
    }
    return map;
}

} // namespace

RouterMap
CheckRouterMap(const std::string& file, const std::string& format)
{
    NS_LOG_FUNCTION(file << format);
    FileLinks listed = ListedLinks(file, format);
    return WithAttributes(Assemble(file, listed.nodes, listed.links), listed, file);
}

void
CheckMapPlacement(const RouterMap& map, const TopologyConfig& config)
{
    NS_LOG_FUNCTION_NOARGS();
    auto count = static_cast<uint32_t>(map.names.size());
    std::string range =
        "; the map " + config.mapFile + " has routers 0 to " + std::to_string(count - 1);
    if (config.serverRouter >= count)
    {
        throw ConfigError("topology.server_router",
                          "there is no router " + std::to_string(config.serverRouter) + range);
    }
    auto server = static_cast<uint32_t>(std::max<int64_t>(config.serverRouter, 0));
    for (uint32_t a : config.accessRouters)
    {
        if (a >= count)
        {
            throw ConfigError("topology.access_routers",
                              "there is no router " + std::to_string(a) + range);
        }
        if (map.part[a] != map.part[server])
        {
            throw ConfigError("topology.access_routers",
                              "router " + std::to_string(a) +
                                  " cannot be reached from the server router " +
                                  std::to_string(server) + ": the map " + config.mapFile +
                                  " falls into " + std::to_string(map.parts) +
                                  " disconnected parts and they are in different ones");
        }
    }
}

void
CheckMapMetric(const RouterMap& map, const TopologyConfig& config)
{
    NS_LOG_FUNCTION_NOARGS();
    if (config.routingMetric == RoutingMetric::WEIGHT && !map.weighted)
    {
        throw ConfigError("topology.routing_metric",
                          "\"weight\" routes by the map's link weights, and the map " +
                              config.mapFile +
                              " has none: Inet maps and Rocketfuel weights files have them");
    }
    if (config.routingMetric == RoutingMetric::WEIGHT && !map.weightFault.empty())
    {
        throw ConfigError("topology.routing_metric",
                          map.weightFault + "; \"weight\" needs every weight above zero");
    }
    if (config.distanceDelay && !map.placed)
    {
        throw ConfigError("topology.core_delay",
                          "\"distance\" derives each link's delay from its routers' positions, "
                          "and the map " +
                              config.mapFile +
                              " places none: only Inet maps do (their `id x y` node lines)");
    }
    if (config.distanceDelay && !map.positionFault.empty())
    {
        throw ConfigError("topology.core_delay", map.positionFault);
    }
}

RouterMap
ReadRouterMap(const std::string& file, const std::string& format)
{
    NS_LOG_FUNCTION(file << format);
    static const std::map<std::string, std::string> readerType = {
        {"inet", "Inet"},
        {"orbis", "Orbis"},
        {"rocketfuel", "Rocketfuel"},
    };
    FileLinks listed = ListedLinks(file, format);
    auto type = readerType.find(format);

    // ns-3 reads the map.
    TopologyReaderHelper helper;
    helper.SetFileName(file);
    helper.SetFileType(type->second);
    Ptr<TopologyReader> reader = helper.GetTopologyReader();
    NodeContainer nodes;
    try
    {
        nodes = reader->Read();
    }
    catch (const std::exception& e)
    {
        Refuse(file, 0, std::string("ns-3's ") + type->second + " reader failed: " + e.what());
    }
    std::vector<NamePair> links;
    std::set<NamePair> readPairs;
    for (auto it = reader->LinksBegin(); it != reader->LinksEnd(); ++it)
    {
        links.emplace_back(it->GetFromNodeName(), it->GetToNodeName());
        readPairs.insert(Unordered(links.back().first, links.back().second));
    }

    // Everything the file lists must have been read: the readers stop silently.
    std::set<NamePair> listedPairs;
    for (std::size_t k = 0; k < listed.links.size(); ++k)
    {
        NamePair pair = Unordered(listed.links[k].first, listed.links[k].second);
        if (!readPairs.count(pair))
        {
            Refuse(file, listed.lines[k],
                   "ns-3's " + type->second + " reader did not read the link " + pair.first +
                       " - " + pair.second + " (it stops at the first line it cannot parse)");
        }
        listedPairs.insert(pair);
    }
    if (readPairs != listedPairs || nodes.GetN() != listed.nodes.size())
    {
        Refuse(file, 0,
               "ns-3's " + type->second + " reader returned " + std::to_string(nodes.GetN()) +
                   " nodes and " + std::to_string(readPairs.size()) +
                   " distinct links, the file lists " + std::to_string(listed.nodes.size()) +
                   " and " + std::to_string(listedPairs.size()));
    }

    // Links in the order the reader lists them.
    RouterMap map = WithAttributes(Assemble(file, listed.nodes, links), listed, file);
    NS_LOG_INFO(file << ": " << map.names.size() << " routers, " << map.links.size() << " links, "
                     << map.parts << " parts");
    if (map.selfLoops || map.duplicates || map.parts > 1 || map.unlinkedNodes)
    {
        NS_LOG_WARN(file << ": skipped " << map.selfLoops << " self-loops and " << map.duplicates
                         << " duplicate links; " << map.parts << " connected parts; "
                         << map.unlinkedNodes << " nodes in no link");
    }
    return map;
}

Network
BuildFromMap(const TopologyConfig& config)
{
    NS_LOG_FUNCTION_NOARGS();
    // AttachHosts takes server_router and access_routers from the builder's config; they
    // are rewritten below as positions among the routers of the server router's part.
    TopologyConfig placed = config;
    NetworkBuilder builder(placed, true);
    builder.CreateHosts(config.clients); // node ids 0..N, before the reader's nodes
    RouterMap map = ReadRouterMap(config.mapFile, config.mapFormat);

    CheckMapPlacement(map, config);
    auto count = static_cast<uint32_t>(map.names.size());
    auto server = static_cast<uint32_t>(std::max<int64_t>(config.serverRouter, 0));
    std::vector<Ptr<Node>> routers;
    routers.reserve(map.names.size());
    for (std::size_t r = 0; r < map.names.size(); ++r)
    {
        routers.push_back(builder.AddRouter());
    }
    CheckMapMetric(map, config);
    for (std::size_t i = 0; i < map.links.size(); ++i)
    {
        auto [a, b] = map.links[i];
        Time delay = config.coreDelay;
        if (config.distanceDelay)
        {
            double dx = map.positions[a].first - map.positions[b].first;
            double dy = map.positions[a].second - map.positions[b].second;
            delay = DistanceDelay(kInetKmPerUnit * std::hypot(dx, dy));
        }
        std::size_t link = builder.AddP2p(routers[a], routers[b], config.coreRate, delay);
        builder.Get().links[link].weight = map.weighted ? map.weights[i] : 1.0;
    }

    std::vector<Ptr<Node>> reachable;
    std::vector<int64_t> position(count, -1);
    for (uint32_t r = 0; r < count; ++r)
    {
        if (map.part[r] == map.part[server])
        {
            position[r] = static_cast<int64_t>(reachable.size());
            reachable.push_back(routers[r]);
        }
    }
    placed.serverRouter = position[server];
    placed.accessRouters.clear();
    for (uint32_t a : config.accessRouters)
    {
        placed.accessRouters.push_back(static_cast<uint32_t>(position[a]));
    }
    AttachHosts(builder, reachable, Placement::SEEDED);
    return builder.Get();
}

} // namespace gcsim
} // namespace ns3
