#include "chat-server.h"

#include "scratch/gcsim/cli/command.h"
#include "scratch/gcsim/scenario.h"

#include <ostream>
#include <system_error>
#include <unistd.h>

namespace gcsim
{
namespace chat
{

namespace
{

std::string
ServerPrompt(const std::string& shownTag)
{
    return "Enter your message for client " + shownTag + ": ";
}

} // namespace

ChatServer::ChatServer(ServerSetup setup, std::ostream& out, std::ostream& err)
  : m_setup(std::move(setup))
  , m_console(out, STDIN_FILENO)
  , m_err(err)
{
    OpenSocket();
    for (const auto& [tag, replies] : m_setup.replies)
    {
        m_repliesLeft += replies.size();
    }
}

void
ChatServer::OpenSocket()
{
    try
    {
        m_socket.Bind(m_setup.listen);
    }
    catch (const std::system_error& e)
    {
        throw InputError("--bind " + AddressText(m_setup.listen.address) + " --port " +
                             std::to_string(m_setup.listen.port),
                         "", e.what());
    }
    if (m_setup.mode == AnswerMode::MULTICAST)
    {
        m_socket.SetMulticastTtl(1); // the classroom's LAN, no further
        if (m_setup.listen.address.s_addr != htonl(INADDR_ANY))
        {
            m_socket.SetMulticastInterface(m_setup.listen.address);
        }
    }
    else if (m_setup.mode == AnswerMode::BROADCAST)
    {
        m_socket.AllowBroadcast();
    }
}

int
ChatServer::Run()
{
    try
    {
        m_console.Line("UDP server up and listening");
        while (true)
        {
            WaitReadable({m_socket.Fd()}, std::nullopt);
            auto message = m_socket.Receive();
            if (message && Serve(*message) == Next::DONE)
            {
                return EXIT_OK;
            }
        }
    }
    catch (const StopRequested& stop)
    {
        m_console.EndPromptLine();
        m_err << "gcsim: chat server stopped by " << SignalName(stop.signal) << std::endl;
        return 128 + stop.signal;
    }
    catch (const std::system_error& e)
    {
        m_console.EndPromptLine();
        m_err << "gcsim: error: " << e.what() << std::endl;
        return EXIT_INTERNAL;
    }
}

ChatServer::Next
ChatServer::Serve(const Datagram& message)
{
    if (message.bytes.empty())
    {
        // The classroom server would have failed on message[-1].
        m_err << "gcsim: chat server: an empty datagram from " << message.from.ToString()
              << " carries no client number; skipped" << std::endl;
        return Next::SERVE;
    }
    char tag = message.bytes.back();
    std::string shownTag = ReplaceInvalidUtf8(std::string(1, tag));
    std::string text = message.bytes.substr(0, message.bytes.size() - 1);
    m_console.Line("Message from Client " + shownTag + ": " + ReplaceInvalidUtf8(text));
    auto reply = m_setup.scripted ? ScriptedReply(tag, shownTag) : TypedReply(shownTag);
    if (!reply)
    {
        // Scripted: no reply left for this client; typed: the input has ended.
        return m_setup.scripted ? Next::SERVE : Next::DONE;
    }
    m_socket.SendTo(*reply, AnswerTo(message.from));
    return m_setup.scripted && --m_repliesLeft == 0 ? Next::DONE : Next::SERVE;
}

std::optional<std::string>
ChatServer::ScriptedReply(char tag, const std::string& shownTag)
{
    auto replies = m_setup.replies.find(tag);
    std::size_t& answered = m_answered[tag];
    if (replies == m_setup.replies.end() || answered >= replies->second.size())
    {
        m_err << "gcsim: chat server: the transcript has no reply left for client " << shownTag
              << "; not answered" << std::endl;
        return std::nullopt;
    }
    const std::string& reply = replies->second[answered++];
    m_console.Line(ServerPrompt(shownTag) + reply);
    return reply;
}

std::optional<std::string>
ChatServer::TypedReply(const std::string& shownTag)
{
    while (true)
    {
        m_console.Prompt(ServerPrompt(shownTag));
        auto reply = ReadLine();
        if (!reply)
        {
            m_console.EndPromptLine();
            m_err << "gcsim: chat server: end of input; client " << shownTag << " is not answered"
                  << std::endl;
            return std::nullopt;
        }
        if (reply->size() <= kMaxDatagram)
        {
            return reply;
        }
        m_err << "gcsim: chat server: a reply holds at most 65,507 bytes (one UDP datagram); "
                 "type a shorter one"
              << std::endl;
    }
}

std::optional<std::string>
ChatServer::ReadLine()
{
    // Meanwhile, datagrams wait in the socket, as they did for the classroom's input().
    while (true)
    {
        if (auto line = m_console.TakeTyped())
        {
            return line;
        }
        if (m_console.InputEnded())
        {
            return std::nullopt;
        }
        WaitReadable({m_console.InputFd()}, std::nullopt);
        m_console.ReadInput();
    }
}

Endpoint
ChatServer::AnswerTo(const Endpoint& sender) const
{
    switch (m_setup.mode)
    {
        case AnswerMode::MULTICAST:
            return m_setup.group;
        case AnswerMode::BROADCAST:
            return m_setup.broadcast;
        case AnswerMode::UNICAST:
            break;
    }
    return sender;
}

int
ChatServerCommand(const ChatOptions& options, std::ostream& out, std::ostream& err)
{
    ServerSetup setup = ResolveServer(options);
    StopSignals signals;
    ChatServer server(std::move(setup), out, err);
    return server.Run();
}

} // namespace chat
} // namespace gcsim
