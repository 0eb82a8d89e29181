// The screens around consent and the exchange: the troubleshooter, the redirect comparison, progress and the summary.
import {useState} from 'react';
import {getProvider} from '../providers/index.js';
import ProgressStep from '../steps/ProgressStep.js';
import {checkPastedRedirect} from '../steps/redirect-check.js';
import RedirectDiffStep from '../steps/RedirectDiffStep.js';
import SummaryStep from '../steps/SummaryStep.js';
import TroubleshootStep from '../steps/TroubleshootStep.js';
import {credentialsWarningProp} from './credentials-warning.js';
import type {ScreenProps} from './screen-props.js';
import type {TaskId} from './state.js';
import {useClock} from './use-clock.js';

export function TroubleshootScreen({state, dispatch, services, position}: ScreenProps<'troubleshoot'>) {
	const now = useClock(services.now);
	const sent = state.redirect ?? '';
	return (
		<TroubleshootStep
			provider={getProvider(state.provider)}
			{...credentialsWarningProp(state)}
			redirect={sent}
			events={state.consent?.events ?? []}
			seen={state.consent?.seen ?? []}
			elapsedMs={state.consent ? Math.max(0, now - state.consent.startedAt) : 0}
			{...(state.pasted ? {initialPasted: state.pasted} : {})}
			position={position}
			onCompare={pasted => dispatch({type: 'redirect-compared', pasted, result: checkPastedRedirect({sent, pasted})})}
			onBack={() => dispatch({type: 'back'})}
		/>
	);
}

export function RedirectCheckScreen({state, dispatch, position, copy, note}: ScreenProps<'redirect-check'> & {readonly copy: (value: string) => void; readonly note: string | undefined}) {
	const sent = state.redirect ?? '';
	return (
		<RedirectDiffStep
			key={state.result ? 'result' : 'ask'}
			provider={getProvider(state.provider)}
			sent={sent}
			pasted={state.pasted ?? ''}
			{...(state.result ? {result: state.result} : {})}
			{...(note ? {notice: note} : {})}
			position={position}
			onCompare={pasted => dispatch({type: 'redirect-compared', pasted, result: checkPastedRedirect({sent, pasted})})}
			onRerun={redirect => dispatch({type: 'use-redirect', redirect})}
			onRetry={() => dispatch({type: 'use-redirect', redirect: sent})}
			onCopy={copy}
			onBack={() => dispatch({type: 'back'})}
		/>
	);
}

export function ProgressScreen({state, services, position}: ScreenProps<'progress'>) {
	const now = useClock(services.now);
	const ms = (task: TaskId) => {
		const view = state.tasks[task];
		return view.ms ?? (view.startedAt === undefined ? undefined : now - view.startedAt);
	};

	const exchangeMs = ms('exchange');
	const verifyMs = ms('verify');
	const app = state.grant === 'app';
	return (
		<ProgressStep
			title={app ? 'Minting the application token' : 'Exchanging the code'}
			position={position}
			tasks={[
				{label: app ? 'Minting the token' : 'Exchanging the code for tokens', doneLabel: app ? 'Token minted' : 'Tokens received', state: state.tasks.exchange.state, ...(exchangeMs === undefined ? {} : {ms: exchangeMs})},
				{label: 'Verifying with a real API call', doneLabel: 'Verified', state: state.tasks.verify.state, ...(verifyMs === undefined ? {} : {ms: verifyMs})},
			]}
		/>
	);
}

export function SummaryScreen({state, services, start, position, onQuit, throwaway}: ScreenProps<'summary'> & {readonly onQuit: () => void; readonly throwaway: boolean}) {
	const [now] = useState(services.now);
	const {connection} = state.result;
	const record = connection[state.grant] ?? connection.user ?? connection.app;
	if (!record) {
		throw new Error('The saved connection holds no token.');
	}

	const identity = state.result.identity ?? record.identity;
	return (
		<SummaryStep
			provider={getProvider(state.provider)}
			environment={state.environment}
			profile={start.profile}
			configPath={services.configPath}
			grant={state.grant}
			{...(identity ? {identity} : {})}
			scopes={record.scopes}
			accessExpiresAt={record.token.expiresAt}
			{...(record.token.refreshExpiresAt === undefined ? {} : {refreshExpiresAt: record.token.refreshExpiresAt})}
			now={now}
			position={position}
			onQuit={onQuit}
			throwaway={throwaway}
		/>
	);
}
