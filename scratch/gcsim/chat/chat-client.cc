#include "chat-client.h"

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

const std::string kPrompt = "Enter your message :";
const std::string kFromServer = "Message from Server :";

std::string
ModeName(AnswerMode mode)
{
    return mode == AnswerMode::MULTICAST ? "multicast" : "broadcast";
}

} // namespace

ChatClient::ChatClient(ClientSetup setup, std::ostream& out, std::ostream& err)
  : m_setup(std::move(setup))
  , m_console(out, STDIN_FILENO)
  , m_err(err)
{
    OpenSockets();
}

void
ChatClient::OpenSockets()
{
    Endpoint local{{htonl(INADDR_ANY)}, 0};
    if (m_setup.bind)
    {
        local.address = *m_setup.bind;
    }
    try
    {
        m_socket.Bind(local);
    }
    catch (const std::system_error& e)
    {
        throw InputError("--bind " + AddressText(local.address), "", e.what());
    }
    if (m_setup.mode != AnswerMode::UNICAST)
    {
        OpenGroupSocket();
    }
}

void
ChatClient::OpenGroupSocket()
{
    const bool multicast = m_setup.mode == AnswerMode::MULTICAST;
    // Bound to the group address, a socket gets that group's datagrams and no other's.
    Endpoint local{multicast ? m_setup.group.address : in_addr{htonl(INADDR_ANY)},
                   m_setup.group.port};
    try
    {
        UdpSocket group;
        group.ReuseAddress(); // every client on this host listens on the one port
        group.Bind(local);
        if (multicast)
        {
            group.JoinGroup(m_setup.group.address,
                            m_setup.bind.value_or(in_addr{htonl(INADDR_ANY)}));
        }
        m_group = std::move(group);
    }
    catch (const std::system_error& e)
    {
        throw InputError("--mode " + ModeName(m_setup.mode) + " --group " +
                             m_setup.group.ToString(),
                         "", e.what());
    }
}

int
ChatClient::Run()
{
    const std::string who = std::string("gcsim: chat client ") + m_setup.tag;
    try
    {
        while (auto message = NextMessage())
        {
            m_socket.SendTo(*message + m_setup.tag, m_setup.server);
            if (!AwaitReply())
            {
                m_err << "gcsim: error: no reply from the server at " << m_setup.server.ToString()
                      << " within " << m_setup.timeoutText << " s" << std::endl;
                return EXIT_INTERNAL;
            }
        }
        return EXIT_OK;
    }
    catch (const StopRequested& stop)
    {
        m_console.EndPromptLine();
        m_err << who << " stopped by " << SignalName(stop.signal) << std::endl;
        return 128 + stop.signal;
    }
    catch (const std::system_error& e)
    {
        m_console.EndPromptLine();
        m_err << "gcsim: error: " << e.what() << std::endl;
        return EXIT_INTERNAL;
    }
}

std::optional<std::string>
ChatClient::NextMessage()
{
    if (!m_setup.scripted)
    {
        return TypedMessage();
    }
    if (m_sent == m_setup.messages.size())
    {
        return std::nullopt;
    }
    const std::string& message = m_setup.messages[m_sent++];
    m_console.Line(kPrompt + message); // as the console showed it typed
    return message;
}

std::optional<std::string>
ChatClient::TypedMessage()
{
    while (true)
    {
        m_console.Prompt(kPrompt);
        auto line = AwaitTypedLine();
        if (!line)
        {
            m_console.EndPromptLine();
            return std::nullopt;
        }
        if (line->size() < kMaxDatagram)
        {
            return line;
        }
        m_err << "gcsim: chat client: a message holds at most 65,506 bytes and the client "
                 "number (one UDP datagram); type a shorter one"
              << std::endl;
    }
}

std::optional<std::string>
ChatClient::AwaitTypedLine()
{
    std::vector<int> fds = SocketFds();
    fds.push_back(m_console.InputFd());
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
        auto ready = static_cast<std::size_t>(WaitReadable(fds, std::nullopt));
        if (ready == fds.size() - 1)
        {
            m_console.ReadInput();
        }
        else if (auto datagram = ReceiveOn(ready))
        {
            m_console.Interject(kFromServer + ReplaceInvalidUtf8(datagram->bytes));
        }
    }
}

bool
ChatClient::AwaitReply()
{
    std::optional<Deadline> deadline;
    if (m_setup.timeout)
    {
        deadline = std::chrono::steady_clock::now() + *m_setup.timeout;
    }
    while (true)
    {
        int ready = WaitReadable(SocketFds(), deadline);
        if (ready < 0)
        {
            return false;
        }
        // An empty datagram is an empty reply: the classroom server sends one when the
        // operator enters an empty line.
        if (auto datagram = ReceiveOn(std::size_t(ready)))
        {
            m_console.Line(kFromServer + ReplaceInvalidUtf8(datagram->bytes));
            return true;
        }
    }
}

std::vector<int>
ChatClient::SocketFds() const
{
    std::vector<int> fds{m_socket.Fd()};
    if (m_group)
    {
        fds.push_back(m_group->Fd());
    }
    return fds;
}

std::optional<Datagram>
ChatClient::ReceiveOn(std::size_t socket)
{
    return socket == 0 ? m_socket.Receive() : m_group->Receive();
}

int
ChatClientCommand(const ChatOptions& options, std::ostream& out, std::ostream& err)
{
    ClientSetup setup = ResolveClient(options);
    StopSignals signals;
    ChatClient client(std::move(setup), out, err);
    return client.Run();
}

} // namespace chat
} // namespace gcsim
