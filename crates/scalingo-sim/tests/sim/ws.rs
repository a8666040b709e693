//! Reading the frames of the simulator's WebSocket streams (logs and
//! deployments).

use std::time::Duration;

use futures_util::StreamExt;
use serde_json::Value;
use tokio::net::TcpStream;
use tokio_tungstenite::{tungstenite::Message, MaybeTlsStream, WebSocketStream};

pub type Socket = WebSocketStream<MaybeTlsStream<TcpStream>>;

/// Generous: the machine may be busy compiling.
const DEADLINE: Duration = Duration::from_secs(20);

/// What arrived before the deadline or the end of the stream.
pub enum Frame {
    Json(Value),
    /// With the close frame's code, or `None` when the connection was cut.
    Closed(Option<u16>),
}

/// The next JSON text frame, or how the stream ended; fails after
/// [`DEADLINE`] without either.
pub async fn next_frame(socket: &mut Socket) -> Frame {
    loop {
        let message = tokio::time::timeout(DEADLINE, socket.next())
            .await
            .expect("a frame before the deadline");
        match message {
            Some(Ok(Message::Text(text))) => {
                return Frame::Json(serde_json::from_str(text.as_str()).expect("JSON frames"))
            }
            Some(Ok(Message::Close(frame))) => {
                return Frame::Closed(frame.map(|f| u16::from(f.code)))
            }
            Some(Ok(_)) => continue,
            Some(Err(_)) | None => return Frame::Closed(None),
        }
    }
}
