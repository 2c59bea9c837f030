#ifndef GCSIM_CHAT_SERVER_H
#define GCSIM_CHAT_SERVER_H

#include "chat-console.h"
#include "chat-options.h"
#include "chat-socket.h"

#include <iosfwd>
#include <map>

namespace gcsim
{
namespace chat
{

/**
 * \brief The classroom's UDP server (`gcsim chat server`): shows each client's message and
 * answers it with what the operator types, or with the transcript's next reply to that client.
 *
 * Wire-compatible with the classroom's Python server: the last byte of a datagram is the
 * client's number, the rest its text; the reply is the plain text. The answer goes back to the
 * sender, or to the group or the broadcast address (ServerSetup::mode).
 */
class ChatServer
{
public:
    /// Opens and binds its socket; InputError when --bind and --port cannot be bound.
    ChatServer(ServerSetup setup, std::ostream& out, std::ostream& err);

    /**
     * Serves until a stop signal (returns 128 + the signal), the end of standard input (0) or,
     * scripted, the transcript's last reply sent (0). A reply that cannot be sent: 1.
     */
    int Run();

private:
    enum class Next
    {
        SERVE,
        DONE,
    };
    void OpenSocket();
    Next Serve(const Datagram& message);
    std::optional<std::string> ScriptedReply(char tag, const std::string& shownTag);
    std::optional<std::string> TypedReply(const std::string& shownTag);
    std::optional<std::string> ReadLine();
    Endpoint AnswerTo(const Endpoint& sender) const;

    ServerSetup m_setup;
    Console m_console;
    std::ostream& m_err;
    UdpSocket m_socket;
    std::map<char, std::size_t> m_answered; //!< scripted: replies sent, by client
    std::size_t m_repliesLeft{0};           //!< scripted: replies not yet sent
};

/// `gcsim chat server`: the options checked (InputError), then the server run.
int ChatServerCommand(const ChatOptions& options, std::ostream& out, std::ostream& err);

} // namespace chat
} // namespace gcsim

#endif
