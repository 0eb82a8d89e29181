import {execFileSync} from 'node:child_process';
import {readFileSync} from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import path from 'node:path';
import {removeTempDir, tempDir} from '../helpers/temp-dir.js';

export type Certificate = {
	/** PEM file of the self-signed certificate: what NODE_EXTRA_CA_CERTS is given. */
	readonly certFile: string;
	readonly cert: string;
	readonly key: string;
	readonly cleanup: () => void;
};

/** A fresh self-signed certificate (openssl req -x509) for `names` (IP addresses and DNS names). */
export function selfSignedCertificate(names: readonly string[] = ['127.0.0.1']): Certificate {
	const dir = tempDir('tls');
	const certFile = path.join(dir, 'cert.pem');
	const keyFile = path.join(dir, 'key.pem');
	const alt = names.map(name => (net.isIP(name) ? `IP:${name}` : `DNS:${name}`)).join(',');
	execFileSync('openssl', [
		'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1',
		'-keyout', keyFile, '-out', certFile, '-subj', `/CN=${names[0]!}`, '-addext', `subjectAltName=${alt}`,
	], {stdio: 'ignore'});
	return {certFile, cert: readFileSync(certFile, 'utf8'), key: readFileSync(keyFile, 'utf8'), cleanup: () => removeTempDir(dir)};
}

export type Front = {
	/** `https://127.0.0.1:PORT` */
	readonly url: string;
	readonly port: number;
	/** TCP connections accepted so far, handshakes that failed included. */
	connections(): number;
	close(): Promise<void>;
};

/** An HTTPS server on loopback with `certificate` that passes every request on to `target` (the emulator). */
export async function startTlsFront(target: string, certificate: Certificate): Promise<Front> {
	let connections = 0;
	const server = https.createServer({cert: certificate.cert, key: certificate.key}, (incoming, outgoing) => {
		forward(target, incoming, outgoing);
	});
	server.on('connection', () => {
		connections += 1;
	});
	server.on('tlsClientError', () => undefined);
	await new Promise<void>(resolve => {
		server.listen(0, '127.0.0.1', resolve);
	});
	const {port} = server.address() as net.AddressInfo;
	return {
		url: `https://127.0.0.1:${port}`,
		port,
		connections: () => connections,
		async close() {
			server.closeAllConnections();
			await new Promise<void>(resolve => {
				server.close(() => resolve());
			});
		},
	};
}

/** Passes one request on to `target` (same path, method, headers and body) and its answer back. */
export function forward(target: string, incoming: http.IncomingMessage, outgoing: http.ServerResponse, pathAndQuery = incoming.url ?? '/'): void {
	const url = new URL(pathAndQuery, target);
	const upstream = http.request(url, {method: incoming.method, headers: {...incoming.headers, host: url.host}, agent: false}, answer => {
		outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
		answer.pipe(outgoing);
	});
	upstream.on('error', () => {
		outgoing.destroy();
	});
	incoming.pipe(upstream);
}

/** A loopback port with nothing listening: connections to it are refused. */
export async function closedPort(): Promise<number> {
	const server = net.createServer();
	await new Promise<void>(resolve => {
		server.listen(0, '127.0.0.1', resolve);
	});
	const {port} = server.address() as net.AddressInfo;
	await new Promise<void>(resolve => {
		server.close(() => resolve());
	});
	return port;
}
