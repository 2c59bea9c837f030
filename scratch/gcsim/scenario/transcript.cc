#include "transcript.h"

#include "../text-parse.h"
#include "models/network/text-file.h"

#include <sstream>
#include <stdexcept>

namespace gcsim
{

namespace
{

/// "client N: text" or "reply N: text" (without leading blanks); false if it is neither.
bool
ParseTranscriptLine(const std::string& rest, TranscriptLine& t)
{
    std::string word = rest.substr(0, rest.find_first_of(" \t"));
    auto colon = rest.find(':');
    std::string number =
        colon == std::string::npos ? "" : Trim(rest.substr(word.size(), colon - word.size()));
    if ((word != "client" && word != "reply") || !IsDigits(number, 9) ||
        rest.find_first_of(" \t") != word.size())
    {
        return false;
    }
    t.reply = word == "reply";
    t.client = static_cast<uint32_t>(std::stoul(number));
    // One blank after the colon belongs to the syntax.
    t.text = rest.substr(colon + 1);
    if (!t.text.empty() && t.text[0] == ' ')
    {
        t.text.erase(0, 1);
    }
    return true;
}

} // namespace

std::vector<TranscriptLine>
ReadTranscript(const std::string& path, const std::string& where, const std::string& key,
               const TranscriptCheck& check)
{
    std::istringstream in;
    try
    {
        in.str(ns3::gcsim::ReadTextFile(path, ns3::gcsim::kMaxTranscriptBytes));
    }
    catch (const std::invalid_argument& e)
    {
        throw InputError(where, key, std::string("cannot read transcript file ") + e.what());
    }
    std::vector<TranscriptLine> lines;
    std::string line;
    for (int number = 1; std::getline(in, line); ++number)
    {
        if (!line.empty() && line.back() == '\r')
        {
            line.pop_back();
        }
        auto first = line.find_first_not_of(" \t");
        if (first == std::string::npos || line[first] == '#')
        {
            continue;
        }
        TranscriptLine t;
        std::string at = path + ":" + std::to_string(number);
        if (!ParseTranscriptLine(line.substr(first), t))
        {
            throw InputError(at, key, "expected 'client N: text' or 'reply N: text'");
        }
        if (std::string wrong = check(t); !wrong.empty())
        {
            throw InputError(at, key, wrong);
        }
        lines.push_back(t);
    }
    if (lines.empty())
    {
        throw InputError(where, key, "transcript '" + path + "' holds no lines");
    }
    return lines;
}

} // namespace gcsim
