internal import SwitchboardFraming

extension RPCClient {
  /// A unary call without interceptors.
  func performUnary<Request: WireMessage, Response: WireMessage>(
    _ method: MethodDescriptor, request: Request, options: CallOptions
  ) async throws -> Response {
    let call = UnaryClientCall<Request, Response>(
      pool: pool, method: method, metadata: try options.metadata.frameMetadata(),
      deadline: Self.deadline(options), request: request)
    return try await withTaskCancellationHandler {
      try await withUnsafeThrowingContinuation { continuation in
        // Handed over on the loop, where the cancellation below also runs: a cancellation
        // that gets there first finds the call finished instead of a caller not yet waiting.
        call.loop.executeOrRun { call.begin(continuation) }
      }
    } onCancel: {
      call.loop.execute { call.cancel(RPCError(code: .cancelled, message: "the caller cancelled the call")) }
    }
  }

  /// A streaming call of any shape without interceptors.
  func performStreaming<Request: WireMessage, Response: WireMessage, Result: Sendable>(
    _ method: MethodDescriptor, options: CallOptions, firstRequest: Request?,
    requestProducer: (@Sendable (RPCWriter<Request>) async throws -> Void)?,
    onResponse: (RPCMessageStream<Response>) async throws -> Result
  ) async throws -> Result {
    let call = StreamingClientCall<Request, Response>(
      pool: pool, method: method, metadata: try options.metadata.frameMetadata(),
      deadline: Self.deadline(options), firstRequest: firstRequest)
    let cancelled = RPCError(code: .cancelled, message: "the caller cancelled the call")
    return try await withTaskCancellationHandler {
      // Started here, after a task cancelled already has queued the cancellation: such a call
      // is cancelled before it is sent, never sent and then raced by its cancellation.
      pool.start(call)
      guard let requestProducer else {
        do {
          let result = try await onResponse(call.responses())
          call.cancelFromAnyThread(cancelled)
          return result
        } catch {
          call.cancelFromAnyThread(cancelled)
          throw error
        }
      }
      return try await withThrowingTaskGroup(of: Void.self) { group in
        group.addTask {
          do {
            try await requestProducer(call.writer())
            call.closeRequests()
          } catch {
            call.producerFailed(error)
            throw error
          }
        }
        // Once the call is over, so is the producer's work: it is cancelled rather than
        // awaited, as it may be waiting for a response that will never come.
        do {
          let result = try await onResponse(call.responses())
          call.cancelFromAnyThread(cancelled)
          group.cancelAll()
          while (try? await group.next()) != nil {}
          return result
        } catch {
          call.cancelFromAnyThread(cancelled)
          group.cancelAll()
          // A producer that failed on its own explains the failure better than the call it
          // cancelled; one that failed because the call was over must not hide why it ended.
          do {
            try await group.next()
          } catch let producerError where call.wasEndedByProducer {
            throw producerError
          } catch {}
          throw error
        }
      }
    } onCancel: {
      call.cancelFromAnyThread(cancelled)
    }
  }

  private static func deadline(_ options: CallOptions) -> Int64? {
    options.effectiveDeadline(now: .now).map(MonotonicClock.nanoseconds(at:))
  }
}
