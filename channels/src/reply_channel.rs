//! A request that carries its own reply `Sender`. Several clients share one server
//! thread through one channel of requests; each request holds the question and a
//! `Sender` to a channel of the client's own, so the server's answer can only reach the
//! client that asked. The server's loop ends when the last client's `Sender` is gone.
//!
//! What to notice: the clients' lines come in any order, and each client's answer is
//! the square of its own question.

use std::sync::mpsc::{self, Sender};
use std::thread;

/// How many client threads ask the server.
const CLIENTS: u64 = 4;

struct Request {
    question: u64,
    reply: Sender<u64>,
}

pub fn main() {
    let (requests, inbox) = mpsc::channel::<Request>();
    let server = thread::spawn(move || {
        let mut answered = 0;
        for Request { question, reply } in inbox {
            // Fails only if the client is gone; its answer is then nobody's.
            let _ = reply.send(question * question);
            answered += 1;
        }
        answered
    });

    let clients: Vec<_> = (1..=CLIENTS)
        .map(|client| {
            let requests = requests.clone();
            thread::spawn(move || {
                let question = client * 10;
                let (reply, answer) = mpsc::channel();
                requests
                    .send(Request { question, reply })
                    .expect("the server runs while a client lives");
                let answer = answer.recv().expect("the server answers every request");
                println!("client {client}: asked for {question} squared, got {answer}");
                (question, answer)
            })
        })
        .collect();
    // Main asks nothing: the server stops once the clients' Senders are gone.
    drop(requests);

    for client in clients {
        let (question, answer) = client.join().expect("a client panicked");
        assert_eq!(answer, question * question);
    }
    let answered = server.join().expect("the server panicked");
    println!("server: answered {answered} requests, then its inbox closed");
    assert_eq!(answered, CLIENTS);
}
