package dev.vigil.notify;

/** Receives what providers report after accepting a message: delivered to the handset, or failed on the way. */
public interface DeliveryReports {

  /** The message or call with the provider's id {@code providerId} reached the person. */
  void delivered(String providerId);

  /** The message or call with the provider's id {@code providerId} did not reach the person, and why. */
  void failed(String providerId, String error);
}
