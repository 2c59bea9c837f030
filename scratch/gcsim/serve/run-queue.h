#ifndef GCSIM_SERVE_RUN_QUEUE_H
#define GCSIM_SERVE_RUN_QUEUE_H

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace gcsim
{

/**
 * \brief The playground's runs, at most \p jobs at a time, first come first served; at most
 * \p capacity wait, a further one is refused.
 */
class RunQueue
{
public:
    RunQueue(uint32_t jobs, uint32_t capacity);
    ~RunQueue();
    RunQueue(const RunQueue&) = delete;
    RunQueue& operator=(const RunQueue&) = delete;

    /// Queues \p work; its ticket, or nullopt when \p capacity runs already wait.
    std::optional<uint64_t> Submit(std::function<void()> work);
    /// Ticket \p ticket's place among the waiting runs (1: next), 0 once it has started.
    uint32_t Position(uint64_t ticket) const;
    /// Runs waiting, not started.
    uint32_t Waiting() const;
    /// Drops the waiting runs and waits for the running ones to end.
    void Stop();

private:
    void Work();

    struct Entry
    {
        uint64_t ticket;
        std::function<void()> work;
    };
    uint32_t m_capacity;
    mutable std::mutex m_mutex;
    std::condition_variable m_ready;
    std::deque<Entry> m_waiting;
    uint64_t m_next{1};
    bool m_stopping{false};
    std::vector<std::thread> m_workers;
};

} // namespace gcsim

#endif // GCSIM_SERVE_RUN_QUEUE_H
