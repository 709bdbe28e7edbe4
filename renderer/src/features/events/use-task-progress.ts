import { useEffect, useState } from 'react'
import type { TaskProgress } from '../../../../shared/contract/events'
import { onTaskProgress } from '../../lib/api'

/** The progress events of one task id, as they arrive. */
export const useTaskProgress = (taskId: string | null): TaskProgress[] => {
  const [events, setEvents] = useState<TaskProgress[]>([])
  useEffect(() => {
    setEvents([])
    if (!taskId) return
    return onTaskProgress((p) => {
      if (p.taskId === taskId) setEvents((prev) => [...prev.slice(-199), p])
    })
  }, [taskId])
  return events
}
