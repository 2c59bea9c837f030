#include "chat-options.h"

#include "models/group/group-header.h"
#include "scratch/gcsim/scenario/transcript.h"
#include "scratch/gcsim/text-parse.h"

#include <cstdlib>

namespace gcsim
{
namespace chat
{

namespace
{

constexpr const char* kOneCharacter =
    "the classroom wire carries the client number as one character, so clients are 1 to 9";
constexpr uint16_t kDefaultGroupPort = 20002;
constexpr double kMaxTimeoutSeconds = 1e6;

AnswerMode
ParseMode(const std::string& mode)
{
    if (mode == "multicast")
    {
        return AnswerMode::MULTICAST;
    }
    return mode == "broadcast" ? AnswerMode::BROADCAST : AnswerMode::UNICAST; // CLI11 checked
}

in_addr
Address(const std::string& option, const std::string& text)
{
    auto address = ParseIpv4(text);
    if (!address)
    {
        throw InputError(option + " " + text, "", "not an IPv4 address (e.g. 127.0.0.1)");
    }
    return *address;
}

/// "ADDR[:PORT]": a multicast address (239.255.0.1 if left out) and a port (20002 if left out).
Endpoint
ParseGroup(const std::string& text)
{
    const std::string where = "--group " + text;
    auto colon = text.rfind(':');
    std::string address = colon == std::string::npos ? text : text.substr(0, colon);
    Endpoint group{*ParseIpv4("239.255.0.1"), kDefaultGroupPort};
    if (!address.empty())
    {
        group.address = Address("--group", address);
    }
    if (!IsMulticast(group.address))
    {
        throw InputError(
            where, "", "not a multicast address (224.0.0.0 to 239.255.255.255; e.g. 239.255.0.1)");
    }
    if (colon != std::string::npos)
    {
        std::string port = text.substr(colon + 1);
        if (!IsDigits(port, 5) || std::stoul(port) < 1 || std::stoul(port) > 65535)
        {
            throw InputError(where, "", "the port must be 1 to 65535");
        }
        group.port = static_cast<uint16_t>(std::stoul(port));
    }
    return group;
}

std::string
CheckChatLine(const TranscriptLine& t)
{
    if (t.client < 1 || t.client > 9)
    {
        return "client " + std::to_string(t.client) + ": " + kOneCharacter;
    }
    if (t.text.size() + (t.reply ? 0 : 1) > kMaxDatagram)
    {
        return "the line is longer than one UDP datagram holds (65,507 bytes)";
    }
    return "";
}

std::vector<TranscriptLine>
ReadChatTranscript(const std::string& path)
{
    return ReadTranscript(path, "--transcript " + path, "", CheckChatLine);
}

/// The client's number: one character, '1' to '9'.
char
ClientTag(const std::string& typed)
{
    if (typed.size() != 1 || typed[0] < '1' || typed[0] > '9')
    {
        throw InputError("client number '" + typed + "'", "", kOneCharacter);
    }
    return ns3::gcsim::AppendClientTag("", static_cast<uint32_t>(typed[0] - '0')).back();
}

void
ResolveTimeout(const std::string& typed, ClientSetup& setup)
{
    if (typed.empty())
    {
        return;
    }
    double seconds = IsDecimal(typed) ? std::strtod(typed.c_str(), nullptr) : -1;
    if (!(seconds > 0) || seconds > kMaxTimeoutSeconds)
    {
        throw InputError("--timeout " + typed, "",
                         "seconds above 0 and at most 1000000 (leave it out to wait forever)");
    }
    setup.timeout = std::chrono::duration_cast<std::chrono::steady_clock::duration>(
        std::chrono::duration<double>(seconds));
    setup.timeoutText = typed;
}

} // namespace

ServerSetup
ResolveServer(const ChatOptions& options)
{
    ServerSetup setup;
    setup.mode = ParseMode(options.mode);
    setup.listen.address = Address("--bind", options.bind.empty() ? "0.0.0.0" : options.bind);
    setup.listen.port = static_cast<uint16_t>(options.port);
    setup.group = ParseGroup(options.group);
    setup.broadcast = {Address("--broadcast", options.broadcast), setup.group.port};
    if (options.transcript.empty())
    {
        return setup;
    }
    setup.scripted = true;
    for (const TranscriptLine& t : ReadChatTranscript(options.transcript))
    {
        if (t.reply)
        {
            setup.replies[ClientTag(std::to_string(t.client))].push_back(t.text);
        }
    }
    if (setup.replies.empty())
    {
        throw InputError("--transcript " + options.transcript, "",
                         "no 'reply N: text' line: the scripted server would answer nobody");
    }
    return setup;
}

ClientSetup
ResolveClient(const ChatOptions& options)
{
    ClientSetup setup;
    setup.tag = ClientTag(options.client);
    setup.mode = ParseMode(options.mode);
    setup.server = {Address("--server", options.server), static_cast<uint16_t>(options.port)};
    if (!options.bind.empty())
    {
        setup.bind = Address("--bind", options.bind);
    }
    setup.group = ParseGroup(options.group);
    ResolveTimeout(options.timeout, setup);
    if (options.transcript.empty())
    {
        return setup;
    }
    setup.scripted = true;
    for (const TranscriptLine& t : ReadChatTranscript(options.transcript))
    {
        if (!t.reply && ClientTag(std::to_string(t.client)) == setup.tag)
        {
            setup.messages.push_back(t.text);
        }
    }
    if (setup.messages.empty())
    {
        throw InputError("--transcript " + options.transcript, "",
                         "no 'client " + options.client + ": text' line for this client to send");
    }
    return setup;
}

} // namespace chat
} // namespace gcsim
