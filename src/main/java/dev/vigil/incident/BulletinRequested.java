package dev.vigil.incident;

/**
 * Published inside an incident's transaction when a person is to be sent written text about the incident that is
 * not a page (a status update, a reminder); the notification outbox queues it in the same transaction.
 *
 * @param kind status_update, postmortem_reminder or action_item_reminder
 * @param idempotencyKey the same key never queues a second message
 */
public record BulletinRequested(long incidentId, String user, String kind, String subject, String text,
    String idempotencyKey) {}
